"""The physiotherapist's room: browse and demo drills, build a program,
hand it over as a file and a printed sheet."""
