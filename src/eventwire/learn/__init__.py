"""Learned models of the event coder: features, a small linear-model runtime, and the training pools.

The models are trained by ``make train`` (``eventwire.training.train``) from ``../shared/train`` and
the blind VOA annotations, and ship in ``learn/data`` as ``.npz`` files: weights and feature names
only, read with numpy, so the package needs no machine-learning library at run time. Rules and
lexicons enter the models as features (``features.py``); the extractor's ``coder`` component
(``extract/coder.py``) applies them. See docs/models.md for what each model was trained on.
"""
