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
    """A level of care worth discussing, the topic that explains it, and why."""

    level: str
    topic: str
    reasons: tuple


# Shown first whenever the health question was answered "yes", since that question includes pregnancy.
PREGNANCY = Suggestion(
    "With a pregnancy, methadone or buprenorphine together with prenatal care, rather than detox first",
    "ask_pregnancy",
    ("both medicines are recommended in pregnancy, while detox or stopping opioids suddenly often leads back to use",
     "the baby may show withdrawal signs after birth (NOWS or NAS), which is expected, "
     "and hospitals know how to treat it",
     "say you are pregnant when you call: pregnant patients get priority admission to opioid treatment programs"),
)


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
        out.append(Suggestion("Starting buprenorphine or methadone right away, with medical care for withdrawal",
                              "ask_medications_overview",
                              ("withdrawal has been hard or use is daily, and medical care makes it safer",
                               "in pregnancy, starting one of these medicines is recommended over detox")))
    elif withdrawal:
        out.append(Suggestion("Medically managed withdrawal (detox), or starting buprenorphine or methadone right away",
                              "ask_detox", ("withdrawal has been hard or use is daily, and medical care makes it safer",
                                            "if pregnant, ask for methadone or buprenorphine rather than detox")))
    residential = []
    if medical:
        residential.append("other health problems need care alongside treatment")
    if home is False:
        residential.append("home isn't a safe or supportive place to recover right now")
    if history:
        residential.append("earlier treatment ended in a return to use, so more support may help this time")
    if residential:
        out.append(Suggestion("Residential (inpatient) treatment", "ask_inpatient", tuple(residential)))
    php = []
    if mental:
        php.append("mental health needs care at the same time (look for a program that treats both)")
    if history and home is not False:
        php.append("a day program gives more structure than before while living at home")
    if php:
        out.append(Suggestion("Partial hospitalization (PHP), a day program", "ask_outpatient", tuple(php)))
    if home is not False and not medical:
        iop = ["home is supportive and there are no serious medical problems"]
        if duties:
            iop.append("work or family duties make evening or part-time programs easier to keep up")
        out.append(Suggestion("Intensive outpatient (IOP) or outpatient care", "ask_outpatient", tuple(iop)))
    out.append(Suggestion("Medication for opioid use disorder, at any level", "ask_medications_overview",
                          ("methadone or buprenorphine lower the risk of overdose death by about half",)))
    return out


def plan_text(answers: Dict[str, Optional[bool]]) -> str:
    """Return the reply: levels worth discussing, why, and where to get a real assessment."""
    lines = ["This is not a diagnosis or a placement decision; only a clinician's assessment can do that. "
             "Based on your answers, these are worth asking about:"]
    for i, s in enumerate(suggest(answers), start=1):
        lines.append(f"{i}. {s.level}: " + "; ".join(s.reasons) + ".")
    lines.append("To get an assessment or find a program: FindTreatment.gov, or SAMHSA's National Helpline "
                 f"{get_lines().helpline.phone} (free, confidential, 24/7).")
    return "\n".join(lines)
