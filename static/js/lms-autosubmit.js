// The deep-linking response goes back to the LMS without a click: the page's form
// (which has its own visible button, for when this file does not run) is submitted
// as soon as the page is read. Served from our static files: no inline script.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => form.submit());
