"""The statistics app keeps no tables: it reads the incident register and the packaged national figures."""
