"""The LMS side of the site: an LTI 1.3 tool on django-lti (package `lti_tool`).

A platform (Moodle, Canvas, …) registered by a superuser or by Dynamic Registration
launches its users here; a launch logs its user in as the one local account of
(issuer, subject), maps its context to a course and its roles to teaching or studying
that course, and lands on the course page. The app sits above `lectures` and
`quizzes`: it imports them, they never import it (pyproject's "lms-on-top").

- models: PlatformAccount ((issuer, sub) -> account, reached only through the
  registration that made it), CourseLink (context -> course),
  PlatformFraming (the origins that may frame the site for a registration);
- access: who may manage platforms or link a context to a course;
- tool: pylti1p3's tool configuration and launch validation, refusing what it must;
- launches: what a verified launch writes (account, course, enrolment or teaching);
- landing: where a launch lands (resource links may name a lecture or a quiz);
- auth: the authentication backend a launch logs in with;
- keys: the tool's signing keys and their rotation;
- views, urls, admin, middleware: the /lti/ endpoints, the superuser's registration
  admin, and frame-ancestors for launch sessions.
"""
