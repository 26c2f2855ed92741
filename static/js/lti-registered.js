// Dynamic Registration done: tell the LMS (our parent frame) to close its dialog.
window.parent.postMessage({ subject: "org.imsglobal.lti.close" }, "*");
