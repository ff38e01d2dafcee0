"""Which levels of care are worth discussing with a clinician, from six yes/no answers (ASAM-style dimensions).

This is not a placement decision: it only explains, in plain words, why a level may fit, so that the person
can ask informed questions at a real assessment.

Pregnancy: the "other serious health problems" question (``loc_medical``) names pregnancy among its examples, so a
"yes" there may mean the person is pregnant. Then the suggestions never lead with detox: in pregnancy, methadone or
buprenorphine is the recommended start rather than medically supervised withdrawal (ACOG Committee Opinion 711,
SAMHSA's clinical guidance), newborn withdrawal (NOWS/NAS) is expected and treatable, and the 2024 revision of
42 CFR Part 8 gives pregnant patients priority admission to opioid treatment programs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from bot.flows.lines import get_lines
from bot.flows.phrases import phrases, say

# Question slot -> the ASAM dimension it stands for.
QUESTIONS = {
    "loc_withdrawal": "withdrawal risk",
    "loc_medical": "other medical conditions",
    "loc_mental": "mental health",
    "loc_home": "a safe and supportive home",
    "loc_history": "earlier treatment and returns to use",
    "loc_duties": "work or family duties",
}


@dataclass(frozen=True)
class Suggestion:
    """A level of care worth discussing, the topic that explains it, and why.

    ``level`` and ``reasons`` are keys of the phrases "loc_levels" and "loc_reasons" (bot/flows/phrases.py), so the
    same decision is told in every language.
    """

    level: str
    topic: str
    reasons: tuple


# Shown first whenever the health question was answered "yes", since that question includes pregnancy.
PREGNANCY = Suggestion("pregnancy", "ask_pregnancy", ("pregnancy_medicines", "pregnancy_newborn", "pregnancy_priority"))


def suggest(answers: Dict[str, Optional[bool]]) -> List[Suggestion]:
    """Return the levels worth discussing, most intensive first, each with its reasons.

    A "yes" to the health question (which includes pregnancy) puts the pregnancy advice first and never leads with
    detox; every suggestion that mentions detox also says that in pregnancy medication comes first.
    """
    withdrawal, medical, mental = answers.get("loc_withdrawal"), answers.get("loc_medical"), answers.get("loc_mental")
    home, history, duties = answers.get("loc_home"), answers.get("loc_history"), answers.get("loc_duties")
    out: List[Suggestion] = []
    if medical:
        # The health question includes pregnancy: say first what is recommended in pregnancy, before any level.
        out.append(PREGNANCY)
    if withdrawal and medical:
        out.append(Suggestion("start_medication", "ask_medications_overview", ("withdrawal_hard", "pregnancy_medicine_first")))
    elif withdrawal:
        out.append(Suggestion("detox", "ask_detox", ("withdrawal_hard", "if_pregnant")))
    residential = []
    if medical:
        residential.append("health_problems")
    if home is False:
        residential.append("home_unsafe")
    if history:
        residential.append("history_residential")
    if residential:
        out.append(Suggestion("residential", "ask_inpatient", tuple(residential)))
    php = []
    if mental:
        php.append("mental_health")
    if history and home is not False:
        php.append("history_day_program")
    if php:
        out.append(Suggestion("php", "ask_outpatient", tuple(php)))
    if home is not False and not medical:
        iop = ["home_supportive"]
        if duties:
            iop.append("duties")
        out.append(Suggestion("iop", "ask_outpatient", tuple(iop)))
    out.append(Suggestion("medication", "ask_medications_overview", ("medication_halves_risk",)))
    return out


def plan_text(answers: Dict[str, Optional[bool]], language: Optional[str] = None) -> str:
    """Return the reply: levels worth discussing, why, and where to get a real assessment, in ``language``."""
    words = phrases(language)
    lines = [say(language, "loc_intro")]
    for i, s in enumerate(suggest(answers), start=1):
        lines.append(f"{i}. {words['loc_levels'][s.level]}: " + "; ".join(words["loc_reasons"][r] for r in s.reasons) + ".")
    lines.append(say(language, "loc_outro", helpline=get_lines().helpline.phone))
    return "\n".join(lines)


def plan_buttons(answers: Dict[str, Optional[bool]], language: Optional[str] = None) -> List[Dict[str, str]]:
    """Return buttons for (up to three of) the topics that explain the suggested levels, then finding treatment."""
    titles = phrases(language)["loc_buttons"]
    topics = list(dict.fromkeys(s.topic for s in suggest(answers)))[:3] + ["ask_find_treatment"]
    return [{"title": titles[t], "payload": f"/{t}"} for t in topics]
