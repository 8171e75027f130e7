"""The history room: the sessions read at start-up, the History screen, one
session's detail and the export dialog."""
