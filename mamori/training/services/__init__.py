"""Every write of training, one module per use case (each write audited in its transaction).

- ``courses``: author courses, lessons, questions and images; install the built-in course;
- ``campaigns``: start and sync campaigns, record reading progress and records downloads;
- ``attempts``: start and submit the test;
- ``reminders``: the periodic and the one-click reminder mails.
"""
