"""tomkit: a Target Operating Model as code, for IT and enterprise service management."""

__version__ = "0.1.0"
