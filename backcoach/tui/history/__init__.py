"""The history room: the sessions read at start-up, the History screen (with
its Drills page), one session's detail and the export dialog; the same
screens show a patient's export read-only in ``backcoach review FILE``."""
