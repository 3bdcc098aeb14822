"""Guard outbound mail: parse Japanese mail, judge it with a pure policy, hold or stop mistakes.

``parse.parse_message(raw) -> ParsedMessage`` (with ``headers`` and ``jis`` for the Japanese
pitfalls), ``policy.evaluate(envelope, message, policy) -> Verdict`` (checks in ``recipients`` and
``content``, look-alike domains in ``domains``, policy files in ``config``), ``rewrite.move_to_bcc``
for exposed recipients, and ``check.main`` for ``mamori mail check``. No Django here: the SMTP
service, hold queue and review UI build on these.
"""
