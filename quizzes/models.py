"""Quizzes, questions, attempts and answers (see DESIGN.md); models arrive with the quiz issue."""
