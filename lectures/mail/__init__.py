"""Mail the site sends: queued, sent by a task once the transaction commits.

- outbox: `send_mail_task`, the one piece of code that hands mail to Django's email
  backend, and `mail_after_commit`, how everything else asks for mail;
- preferences: which mail each account wants (reminders, announcements);
- notices: "work assigned to you", and `manage.py send_reminders`' reminders of work
  due within a day or become overdue, each sent once.

Nothing is re-exported: every module here is a service, imported from its module.
"""
