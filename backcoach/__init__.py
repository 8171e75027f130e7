"""backcoach: a terminal coach for low back pain exercise sessions."""

__version__ = "0.1.0"
