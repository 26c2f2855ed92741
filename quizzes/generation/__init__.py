"""Drafts of a quiz from a lecture's notes, for the instructor to review and publish.

    quiz_generate(lecture=, title="", rng_seed=None) -> Quiz   (raises GenerationError)
    quiz_summary(quiz) -> "12 questions — 4 single choice, …"
    questions_to_review(lecture) -> a line per question newly flagged as stale
    RULES                        {Question.rule: what the rule does, in words}

One module per job; each imports only modules listed after it:

- planning: which drafts to ask and in what order, and `quiz_generate` writing them;
- term_rules, term_gaps, date_rules, name_rules (plain_date_rules for notes in
  other languages): the question rules by shape (glossary terms by definition, and
  where the lecture uses them; the order of dated bullets; who did what), each
  independent of the others;
- draft: the drafted question every rule returns;
- source: reading the lecture (terms, events, bullets, which bullets state a fact);
- statements: the pieces of a section body a question may come from (list items
  and paragraph sentences), counted alike by source and stale;
- sentences: whether a piece of the notes reads as a sentence a student can judge
  on its own (its subject named, no note-speak, a fact rather than a target);
- soundness: what makes a question unpublishable whatever the teacher (a
  definition spelling its term, a sentence that is none, a year printed in its
  prompt), on text alone: the planner leaves such questions out, the rubric flags them;
- stale: flagging generated questions whose notes changed (and `RULES`);
- text: clipping, and dates as the notes write them; dating: finding the
  dates of a text and telling two apart;
- summary: words for a drafted quiz;
- rubric: the automatic checks of corpus/RUBRIC.md, the rules' judge. It reads only
  the stored quiz, never the rules or the planner, and neither of them consults it
  (pyproject.toml's import-linter contracts); import `check_quiz` from it.

Every question drafted has a key that quizzes.grading grades as is.
"""

from .planning import GenerationError, quiz_generate
from .stale import RULES, questions_to_review
from .summary import quiz_summary

__all__ = ["RULES", "GenerationError", "questions_to_review", "quiz_generate", "quiz_summary"]
