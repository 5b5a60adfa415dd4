"""``make train``: the event coder's models, trained from ``../shared/train`` and the VOA annotations.

Training sits above the pipeline and the evaluation: it runs the whole pipeline over annotated
stories and labels what comes out with the annotation scorer (``eval/annotated.py``), which is how
the event check learns (``training/check.py``). Nothing in the package imports it at run time.
"""
