"""The patient's room: a guided session, stage by stage.

``runner`` drives the pure engine and pushes its view into one screen per
stage (health background, safety check, check-in, pain check, drill intro,
the drill itself, rating, summary); ``start`` asks what must be asked before
a session may begin.
"""
