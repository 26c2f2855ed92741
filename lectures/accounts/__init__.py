"""Guarding the account pages: login limits (limits, wired into django-axes by the
settings) and the password-reset view the site puts in place of Django's (views).
"""
