"""Give every reason of a determination its article and its English sentence (one cited catalogue).

Pure (no Django): ``mamori appi assess`` runs without settings. The English msgids are extracted by
``makemessages`` (the ``gettext_noop`` keyword) and translated where they are shown; each entry names the
article or guideline it rests on, rendered in Japanese by ``citations.cite``.
"""

from __future__ import annotations

from collections.abc import Mapping


def gettext_noop(message: str) -> str:
    """Mark an English msgid for extraction (makemessages knows this keyword) and return it unchanged.

    Django's own ``gettext_noop`` reads ``settings.USE_I18N`` (Django 5.2), so it cannot be used where no
    settings are configured, such as ``mamori appi assess``.
    """
    return message


# --- Articles -------------------------------------------------------------------------------------------

ART_26 = "APPI Art. 26(1)"
ART_26_2 = "APPI Art. 26(2), Enforcement Rules Art. 10"
RULES_7 = "APPI Art. 26(1), Enforcement Rules Art. 7"
GROUND_ARTICLES: Mapping[str, str] = {
    "special_care": "APPI Art. 26(1), Enforcement Rules Art. 7(i)",
    "property_damage": "APPI Art. 26(1), Enforcement Rules Art. 7(ii)",
    "unauthorized_purpose": "APPI Art. 26(1), Enforcement Rules Art. 7(iii)",
    "over_1000": "APPI Art. 26(1), Enforcement Rules Art. 7(iv)",
}
ENCRYPTION = "APPI Art. 26(1), Enforcement Rules Art. 7(i)-(iv)"
GL_RECOVERY = "PPC Guidelines (General Rules) 3-5-1-1"
RULES_8_1 = "Enforcement Rules Art. 8(1); PPC Guidelines (General Rules) 3-5-3-3"
RULES_8_2 = "Enforcement Rules Art. 8(2); Act on Holidays of Administrative Organs Art. 1-2"
PMARK = "Privacy Mark incident reporting (PMK500)"
MY_NUMBER_ACT = "My Number Act Art. 29-4; PPC Rules on reporting My Number breaches"
GL_RECOVERY_OSORE = "Enforcement Rules Art. 7; PPC Guidelines (General Rules) 3-5-1-1; PPC Q&A 6-1"
GL_LOSS_DAMAGE = "PPC Guidelines (General Rules) 3-5-1-2, 3-5-1-3"
ENTRUSTMENT = "APPI Art. 26(1) proviso, Enforcement Rules Art. 9; PPC Guidelines (General Rules) 3-5-3-5"
ENTRUSTMENT_NOTIFIED = "APPI Art. 26(1) proviso, Art. 26(2); PPC Guidelines (General Rules) 3-5-3-5"
CONTRACTOR_TOLD_US = "Enforcement Rules Art. 8; PPC Guidelines (General Rules) 3-5-3-2, 3-5-3-5"
PSEUDONYMIZED = "APPI Art. 41(9)"
MY_NUMBER_RULE = "My Number Act Art. 29-4(1); PPC Rules on reporting My Number breaches Art. 2"
MY_NUMBER_GROUND_ARTICLES: Mapping[str, str] = {
    "my_number_network": "My Number Act Art. 29-4(1); PPC Rules on reporting My Number breaches Art. 2(i)",
    "my_number_unauthorized_purpose": (
        "My Number Act Art. 29-4(1); PPC Rules on reporting My Number breaches Art. 2(ii)"
    ),
    "my_number_viewable_by_unspecified": (
        "My Number Act Art. 29-4(1); PPC Rules on reporting My Number breaches Art. 2(iii)"
    ),
    "my_number_over_100": "My Number Act Art. 29-4(1); PPC Rules on reporting My Number breaches Art. 2(iv)",
}
MY_NUMBER_NOTICE = "My Number Act Art. 29-4(2)"

# --- The catalogue: code -> (article, English msgid with named placeholders) ---------------------------

MESSAGES: Mapping[str, tuple[str, str]] = {
    # code: (article, English msgid with named placeholders)
    "events.unknown": (
        ART_26,
        gettext_noop("What happened has not been classified yet, so reportability cannot be decided."),
    ),
    "events.not_breach": (
        ART_26,
        gettext_noop(
            "The events (%(events)s) are not a leak, destruction or damage of personal data under Art. 26; "
            "they are Privacy Mark incidents only."
        ),
    ),
    "events.damage": (ART_26, gettext_noop("Personal data was destroyed, damaged or altered (%(events)s).")),
    "events.leak": (ART_26, gettext_noop("Personal data leaked or may have leaked (%(events)s).")),
    "events.recovered": (
        GL_RECOVERY,
        gettext_noop("All the data was recovered before any third party viewed it, so it is not a leak."),
    ),
    "events.recovery_unknown": (
        GL_RECOVERY_OSORE,
        gettext_noop(
            "It is not confirmed that all the data was recovered before anyone viewed it, so a leak may have "
            "occurred (%(events)s) and counts as one (おそれ); if recovery before viewing is confirmed later, "
            "correct it in the final report (判明後に確報で訂正)."
        ),
    ),
    "events.likely_only": (
        GL_RECOVERY_OSORE,
        gettext_noop(
            "The kind of event is not established yet, but with a reportable situation established a leak, "
            "loss or damage may have occurred (おそれ), which is enough to report; correct it in the final "
            "report once the facts are known (判明後に確報で訂正)."
        ),
    ),
    "events.copy_kept": (
        GL_LOSS_DAMAGE,
        gettext_noop(
            "The same data is kept elsewhere, so the destruction or damage (%(events)s) is no 滅失 or 毀損 "
            "under Art. 26; a leak would still count."
        ),
    ),
    "events.copy_unknown": (
        GL_LOSS_DAMAGE,
        gettext_noop(
            "It is not known whether the same data is kept elsewhere (a backup); if it is, the destruction "
            "or damage (%(events)s) is no 滅失 or 毀損."
        ),
    ),
    "pseudonymized": (
        PSEUDONYMIZED,
        gettext_noop(
            "The data is pseudonymously processed information (仮名加工情報), to which Art. 26 does not apply; "
            "the Privacy Mark still counts the incident."
        ),
    ),
    "entrustment.notify_controller": (
        ENTRUSTMENT,
        gettext_noop(
            "We handle this data for another business (委託元). Tell it promptly what is known so far: due "
            "soon on %(warn_on)s, target %(target_on)s. Once it is told, the report to the authority and the "
            "notice to the individuals are its duty, not ours."
        ),
    ),
    "entrustment.fallback": (
        ENTRUSTMENT,
        gettext_noop(
            "Until the entrusting business is told, the report (final report by %(due)s) and the notice to "
            "the individuals remain our own duty."
        ),
    ),
    "entrustment.controller_notified": (
        ENTRUSTMENT_NOTIFIED,
        gettext_noop(
            "The entrusting business was told on %(on)s, so we make no report and no notice to the "
            "individuals of our own."
        ),
    ),
    "entrustment.contractor_told_us": (
        CONTRACTOR_TOLD_US,
        gettext_noop(
            "The incident happened at our contractor; the clock runs from %(known_on)s, the day the "
            "contractor told us."
        ),
    ),
    "ground.special_care": (
        GROUND_ARTICLES["special_care"],
        gettext_noop("The data include special-care personal information; one person is enough to report."),
    ),
    "ground.property_damage": (
        GROUND_ARTICLES["property_damage"],
        gettext_noop(
            "Misuse of the data may cause property damage (for example card numbers or payment log-ins); "
            "one person is enough to report."
        ),
    ),
    "ground.unauthorized_purpose": (
        GROUND_ARTICLES["unauthorized_purpose"],
        gettext_noop(
            "The incident may have been caused by an act with an unauthorised purpose (for example "
            "unauthorised access, ransomware, theft or insider exfiltration); one person is enough to report."
        ),
    ),
    "ground.over_1000": (
        GROUND_ARTICLES["over_1000"],
        gettext_noop("%(persons)s persons are affected, more than 1,000."),
    ),
    "ground.over_1000.not_met": (
        GROUND_ARTICLES["over_1000"],
        gettext_noop(
            "%(persons)s persons are affected; the number of persons alone makes a breach reportable only "
            "above 1,000."
        ),
    ),
    "ground.none": (RULES_7, gettext_noop("None of the four reportable situations applies.")),
    "exemption.encryption": (
        ENCRYPTION,
        gettext_noop(
            "The data was protected by advanced encryption with the key kept safe, which exempts it from "
            "reporting (grounds that would otherwise apply: %(grounds)s)."
        ),
    ),
    "exemption.encryption_unknown": (
        ENCRYPTION,
        gettext_noop(
            "It is not known whether the data was protected by advanced encryption with the key kept safe; "
            "without it the reportable situations are not exempt."
        ),
    ),
    "needs_review": (
        RULES_7,
        gettext_noop("Reportability cannot be decided until these facts are known: %(facts)s."),
    ),
    "notify_individuals": (
        ART_26_2,
        gettext_noop(
            "The individuals must be told promptly; if they cannot be reached, announce it publicly and "
            "open an inquiry desk."
        ),
    ),
    "known_on.unknown": (
        RULES_8_2,
        gettext_noop("The day the business knew is not recorded, so no deadline can be computed."),
    ),
    "preliminary_report.target": (
        RULES_8_1,
        gettext_noop(
            "Send the preliminary report promptly: due soon on %(warn_on)s, target %(target_on)s "
            "(a guideline target of about 3-5 days, not a statutory date)."
        ),
    ),
    "final_report.due": (
        RULES_8_2,
        gettext_noop(
            "The final report is due on %(due)s: %(days)s days counting %(known_on)s as day 1; a due date on "
            "a weekend, a national holiday or 29 December to 3 January moves to the next working day."
        ),
    ),
    "final_report.assumes_30_days": (
        RULES_8_2,
        gettext_noop(
            "The final report is shown as due on %(due)s (30 days counting %(known_on)s as day 1); it would be 60 days "
            "if an unauthorised purpose is confirmed."
        ),
    ),
    "pmark.events.unknown": (
        PMARK,
        gettext_noop("What happened has not been classified yet; every incident needs a report."),
    ),
    "pmark.report_required": (
        PMARK,
        gettext_noop(
            "Every incident (%(events)s) must be reported to the Privacy Mark granting body, of any size; "
            "encryption or recovery does not remove this duty."
        ),
    ),
    "pmark.preliminary_required": (
        PMARK,
        gettext_noop("A preliminary report (about 3-5 days) is required because of: %(criteria)s."),
    ),
    "pmark.preliminary_unknown": (
        PMARK,
        gettext_noop("Whether a preliminary report is required depends on facts not yet known: %(facts)s."),
    ),
    "pmark.preliminary_not_required": (
        PMARK,
        gettext_noop(
            "No preliminary report criterion applies; the granting body may still ask for one if it "
            "judges the violation serious."
        ),
    ),
    "pmark.final_due": (
        PMARK,
        gettext_noop(
            "The final report to the granting body is due on %(due)s (%(days)s calendar days counting the "
            "discovery on %(start)s as day 1)."
        ),
    ),
    "my_number.not_involved": (
        MY_NUMBER_ACT,
        gettext_noop("No My Number data is involved."),
    ),
    "my_number.unknown": (
        MY_NUMBER_ACT,
        gettext_noop("It is not known whether My Number data is involved."),
    ),
    "my_number.my_number_network": (
        MY_NUMBER_GROUND_ARTICLES["my_number_network"],
        gettext_noop("My Number data on the information-provision network is involved."),
    ),
    "my_number.my_number_over_100": (
        MY_NUMBER_GROUND_ARTICLES["my_number_over_100"],
        gettext_noop(
            "%(persons)s persons' My Number data is affected (leaked, or used or provided against the Act), "
            "more than 100."
        ),
    ),
    "my_number.my_number_unauthorized_purpose": (
        MY_NUMBER_GROUND_ARTICLES["my_number_unauthorized_purpose"],
        gettext_noop(
            "My Number data may have leaked, or been used or provided, with an unauthorised purpose; one "
            "person is enough to report."
        ),
    ),
    "my_number.my_number_viewable_by_unspecified": (
        MY_NUMBER_GROUND_ARTICLES["my_number_viewable_by_unspecified"],
        gettext_noop("My Number data was made viewable by unspecified persons."),
    ),
    "my_number.no_ground": (
        MY_NUMBER_RULE,
        gettext_noop("None of the reportable situations for My Number data applies."),
    ),
    "my_number.needs_review": (
        MY_NUMBER_RULE,
        gettext_noop("Reportability cannot be decided until these facts are known: %(facts)s."),
    ),
    "my_number.use": (
        MY_NUMBER_RULE,
        gettext_noop(
            "My Numbers were used or provided (%(events)s): the My Number rule counts this as well as a leak."
        ),
    ),
    "my_number.exemption.encryption": (
        MY_NUMBER_GROUND_ARTICLES["my_number_network"],
        gettext_noop(
            "The My Number data was protected by advanced encryption with the key kept safe, which the rule "
            "excludes from every reportable situation (grounds that would otherwise apply: %(grounds)s)."
        ),
    ),
    "my_number.notify_individuals": (
        MY_NUMBER_NOTICE,
        gettext_noop("The individuals must be told promptly as well (My Number Act)."),
    ),
}
