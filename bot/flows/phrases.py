"""Every word the guided conversations and the replies built around content say, in each language, in one place.

The answers themselves are content (data/content/topics/<language>/); the static replies and form questions are
the domain's responses (domain.yml, with a variant per language on the ``language`` slot). What is left is the
text our code assembles: the "Sources" footer, the loved-one plan, the level-of-care suggestions, the state
search, the messages shown when the content store is down, and the buttons. It is written here, once per
language, so that a reply is never half in one language, and a new language is one more entry (a test checks
that every language has every phrase with the same placeholders).

Spanish is written for Spanish-speaking readers in the US ("usted", plain words), not word for word. Numbers
are never written here: they come from the resource table (bot/flows/lines.py) through the placeholders.
"""

from __future__ import annotations

from typing import Dict, Optional

from bot.content.schema import PRIMARY_LANGUAGE

PHRASES: Dict[str, Dict[str, object]] = {
    "en": {
        # The channels' own replies (bot/channels/replies.py), when the conversation cannot answer.
        "no_reply": "Sorry, I'm having trouble answering right now. Please try again in a minute.",
        "empty_message": "It looks like your message was empty. Type a question, or \"menu\" to see the topics. "
                         "If someone is in danger, call {emergency}.",
        "truncated": "Your message was long, so I read the first {limit} characters. If I missed something important, "
                     "please send it in a shorter message.",
        "rate_limited": "You're sending messages faster than I can answer them well. Please wait a minute, then send "
                        "your question again.",
        "unsupported": "I can only read text messages. Please type your question.",
        # Around a content answer (bot/flows/reply_format.py). The widget folds the line that starts with
        # "sources" (bot/widget/static/widget.js knows the word in each language).
        "tell_me_more": "Tell me more",
        "sources": "Sources",
        "reviewed": "Last reviewed: {date}. General information, not medical advice.",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),
        "guided": {
            "ask_help_loved_one": "Make a plan together",
            "ask_treatment_options": "Which level of care fits?",
            "ask_find_treatment": "Search by state",
        },
        # The help lines, with numbers from the resource table.
        "safety_sentence": "If someone is in danger, call {emergency}. For thoughts of suicide, call or text {lifeline}.",
        "helpline_sentence": "To talk with a person: SAMHSA's National Helpline, {helpline} "
                             "(free, confidential, 24/7, English and Spanish).",
        "store_down": "Sorry, I can't reach my library of answers right now. Please try again in a few minutes.",
        "more_help": "More help, any time:",
        "call": "call {phone}",
        "text": "text {number}",
        "or": " or ",
        "essential_emergency": "{phone} - emergency services",
        "essential_poison": "Poison Control: {phone} (24/7)",
        "essential_never_use_alone": "Never Use Alone: {phone}",
        "essential_lifeline": "{name}: call or text {phone}",
        "essential_crisis_text": "Crisis Text Line: text HOME to {number}",
        # The loved-one plan (bot/flows/loved_one_plan.py, actions/loved_one_form.py).
        "your_loved_one": "your loved one",
        "your_person": "your {person}",
        "plan_intro": "Here is a short plan for helping {who}. It's general information, not a clinical assessment.",
        "plan_keep_talking": "Keep talking: you've already raised it, which takes courage. {rest}",
        "plan_someone_to_call": "Someone to call: {name}, {phone}. {description} ({hours}).",
        "plan_danger": "If {who} is ever in danger or may be overdosing, call {emergency}.",
        "plan_buttons": {"ask_how_to_talk": "How to talk about it", "ask_enabling": "Helping vs. enabling",
                         "ask_find_treatment": "Finding treatment"},
        "lo_person_is_self": "This plan is for helping someone else. If you're asking for yourself, you can type "
                             "\"where do I start\" at any time. Who is the person you're worried about?",
        "lo_person_reask": "Just a word or two is enough, like \"my son\", \"my partner\" or \"a friend\".",
        # The level-of-care suggestions (bot/flows/level_of_care.py).
        "loc_intro": "This is not a diagnosis or a placement decision; only a clinician's assessment can do that. "
                     "Based on your answers, these are worth asking about:",
        "loc_outro": "To get an assessment or find a program: FindTreatment.gov, or SAMHSA's National Helpline "
                     "{helpline} (free, confidential, 24/7).",
        "loc_levels": {
            "pregnancy": "With a pregnancy, methadone or buprenorphine together with prenatal care, rather than detox first",
            "start_medication": "Starting buprenorphine or methadone right away, with medical care for withdrawal",
            "detox": "Medically managed withdrawal (detox), or starting buprenorphine or methadone right away",
            "residential": "Residential (inpatient) treatment",
            "php": "Partial hospitalization (PHP), a day program",
            "iop": "Intensive outpatient (IOP) or outpatient care",
            "medication": "Medication for opioid use disorder, at any level",
        },
        "loc_reasons": {
            "pregnancy_medicines": "both medicines are recommended in pregnancy, while detox or stopping opioids "
                                   "suddenly often leads back to use",
            "pregnancy_newborn": "the baby may show withdrawal signs after birth (NOWS or NAS), which is expected, "
                                 "and hospitals know how to treat it",
            "pregnancy_priority": "say you are pregnant when you call: pregnant patients get priority admission to "
                                  "opioid treatment programs",
            "withdrawal_hard": "withdrawal has been hard or use is daily, and medical care makes it safer",
            "pregnancy_medicine_first": "in pregnancy, starting one of these medicines is recommended over detox",
            "if_pregnant": "if pregnant, ask for methadone or buprenorphine rather than detox",
            "health_problems": "other health problems need care alongside treatment",
            "home_unsafe": "home isn't a safe or supportive place to recover right now",
            "history_residential": "earlier treatment ended in a return to use, so more support may help this time",
            "mental_health": "mental health needs care at the same time (look for a program that treats both)",
            "history_day_program": "a day program gives more structure than before while living at home",
            "home_supportive": "home is supportive and there are no serious medical problems",
            "duties": "work or family duties make evening or part-time programs easier to keep up",
            "medication_halves_risk": "methadone or buprenorphine lower the risk of overdose death by about half",
        },
        "loc_buttons": {"ask_pregnancy": "About pregnancy", "ask_medications_overview": "About medications",
                        "ask_detox": "About detox", "ask_inpatient": "About inpatient care",
                        "ask_outpatient": "About outpatient care", "ask_find_treatment": "Finding treatment"},
        # The state search (bot/flows/treatment_finder.py, actions/find_treatment*.py).
        "ft_intro": "Here's where to start in {place}:",
        "ft_locator": "Type a town or ZIP code in {place} to see the programs there.",
        "ft_checked": ", checked {date}",
        "ft_state_resource": "{place}'s own resource: {name} ({url}{phone}{checked}).",
        "ft_no_state_link": "{place}'s own treatment agency: I don't have a link for it that I've checked, so I won't "
                            "guess one. The helpline above can connect you with it.",
        "ft_danger": "If someone is in danger or may be overdosing, call {emergency}.",
        "ft_store_down": "FindTreatment.gov lists licensed programs in every state.",
        "ft_reask": "I couldn't match \"{answer}\" to a US state or territory. Please type the state's name or its "
                    "two-letter abbreviation, for example Ohio or OH (Washington DC, Puerto Rico and the other "
                    "territories work too).",
        "ft_buttons": {"ask_cost": "Paying for treatment", "choose_level_of_care": "Which level of care fits?",
                       "find_treatment_by_state": "Another state"},
    },
    "es": {
        "no_reply": "Lo siento, ahora mismo tengo problemas para responder. Inténtelo de nuevo en un minuto.",
        "empty_message": "Parece que su mensaje llegó vacío. Escriba una pregunta, o \"menú\" para ver los temas. "
                         "Si alguien está en peligro, llame al {emergency}.",
        "truncated": "Su mensaje era largo, así que leí los primeros {limit} caracteres. Si se me pasó algo "
                     "importante, mándelo en un mensaje más corto.",
        "rate_limited": "Está mandando mensajes más rápido de lo que puedo contestarlos bien. Espere un minuto y "
                        "vuelva a mandar su pregunta.",
        "unsupported": "Solo puedo leer mensajes de texto. Escriba su pregunta, por favor.",
        "tell_me_more": "Quiero saber más",
        "sources": "Fuentes",
        "reviewed": "Última revisión: {date}. Información general, no es consejo médico.",
        "months": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                   "octubre", "noviembre", "diciembre"),
        "guided": {
            "ask_help_loved_one": "Hagamos un plan",
            "ask_treatment_options": "¿Qué nivel de atención conviene?",
            "ask_find_treatment": "Buscar por estado",
        },
        "safety_sentence": "Si alguien está en peligro, llame al {emergency}. Si tiene pensamientos de suicidio, "
                           "llame o envíe un texto al {lifeline} (marque 2 para español).",
        "helpline_sentence": "Para hablar con una persona: Línea Nacional de Ayuda de SAMHSA, {helpline} "
                             "(gratis, confidencial, las 24 horas, en español e inglés).",
        "store_down": "Lo siento, ahora no puedo abrir mi biblioteca de respuestas. Inténtelo de nuevo en unos minutos.",
        "more_help": "Más ayuda, a cualquier hora:",
        "call": "llame al {phone}",
        "text": "envíe un texto al {number}",
        "or": " o ",
        "essential_emergency": "{phone}: servicios de emergencia",
        "essential_poison": "Control de Envenenamientos (Poison Control): {phone} (24/7)",
        "essential_never_use_alone": "Never Use Alone: {phone}",
        "essential_lifeline": "{name}: llame o envíe un texto al {phone} (marque 2 o escriba AYUDA para español)",
        "essential_crisis_text": "Crisis Text Line: envíe AYUDA al {number}",
        "your_loved_one": "su ser querido",
        "your_person": "su {person}",
        "plan_intro": "Este es un plan corto para ayudar a {who}. Es información general, no una evaluación clínica.",
        "plan_keep_talking": "Siga hablando: ya sacó el tema, y eso requiere valor. {rest}",
        "plan_someone_to_call": "A quién llamar: {name}, {phone}. {description} ({hours}).",
        "plan_danger": "Si {who} llega a estar en peligro o puede tener una sobredosis, llame al {emergency}.",
        "plan_buttons": {"ask_how_to_talk": "Cómo hablar del tema", "ask_enabling": "Ayudar sin facilitar",
                         "ask_find_treatment": "Buscar tratamiento"},
        "lo_person_is_self": "Este plan es para ayudar a otra persona. Si pregunta por usted, puede escribir "
                             "\"por dónde empiezo\" cuando quiera. ¿Quién es la persona que le preocupa?",
        "lo_person_reask": "Con una o dos palabras basta, por ejemplo \"mi hijo\", \"mi esposa\" o \"un amigo\".",
        "loc_intro": "Esto no es un diagnóstico ni decide dónde debe recibir tratamiento; eso solo lo puede hacer "
                     "la evaluación de un profesional. Según sus respuestas, vale la pena preguntar por:",
        "loc_outro": "Para pedir una evaluación o encontrar un programa: FindTreatment.gov, o la Línea Nacional de "
                     "Ayuda de SAMHSA, {helpline} (gratis, confidencial, las 24 horas, en español).",
        "loc_levels": {
            "pregnancy": "Durante el embarazo, metadona o buprenorfina junto con el control prenatal, en lugar de "
                         "empezar por una desintoxicación",
            "start_medication": "Empezar ya con buprenorfina o metadona, con atención médica para la abstinencia",
            "detox": "Abstinencia con supervisión médica (desintoxicación), o empezar ya con buprenorfina o metadona",
            "residential": "Tratamiento residencial (internado)",
            "php": "Hospitalización parcial (PHP), un programa de día",
            "iop": "Tratamiento ambulatorio intensivo (IOP) o ambulatorio",
            "medication": "Medicamentos para el trastorno por consumo de opioides, en cualquier nivel",
        },
        "loc_reasons": {
            "pregnancy_medicines": "los dos medicamentos se recomiendan en el embarazo, mientras que la "
                                   "desintoxicación o dejar los opioides de golpe muchas veces lleva a volver a consumir",
            "pregnancy_newborn": "es posible que el bebé tenga síntomas de abstinencia al nacer (NOWS o NAS); es algo "
                                 "esperado y los hospitales saben tratarlo",
            "pregnancy_priority": "diga que está embarazada cuando llame: las embarazadas tienen prioridad para entrar "
                                  "a los programas de tratamiento con opioides",
            "withdrawal_hard": "la abstinencia ha sido fuerte o el consumo es diario, y la atención médica la hace "
                               "más segura",
            "pregnancy_medicine_first": "en el embarazo se recomienda empezar uno de estos medicamentos en lugar de "
                                        "la desintoxicación",
            "if_pregnant": "si hay embarazo, pida metadona o buprenorfina en lugar de desintoxicación",
            "health_problems": "otros problemas de salud necesitan atención al mismo tiempo que el tratamiento",
            "home_unsafe": "ahora mismo la casa no es un lugar seguro o de apoyo para recuperarse",
            "history_residential": "un tratamiento anterior terminó en volver a consumir, así que más apoyo puede "
                                   "ayudar esta vez",
            "mental_health": "la salud mental necesita atención al mismo tiempo (busque un programa que trate las dos "
                             "cosas)",
            "history_day_program": "un programa de día da más estructura que antes sin dejar de vivir en casa",
            "home_supportive": "la casa es un lugar de apoyo y no hay problemas médicos graves",
            "duties": "el trabajo o la familia hacen más fácil un programa de tarde o de medio tiempo",
            "medication_halves_risk": "la metadona o la buprenorfina reducen más o menos a la mitad el riesgo de "
                                      "morir por sobredosis",
        },
        "loc_buttons": {"ask_pregnancy": "Sobre el embarazo", "ask_medications_overview": "Sobre los medicamentos",
                        "ask_detox": "Sobre la desintoxicación", "ask_inpatient": "Sobre el tratamiento residencial",
                        "ask_outpatient": "Sobre el tratamiento ambulatorio", "ask_find_treatment": "Buscar tratamiento"},
        "ft_intro": "Por dónde empezar en {place}:",
        "ft_locator": "Escriba una ciudad o un código postal de {place} para ver los programas de la zona.",
        "ft_checked": ", revisado en {date}",
        "ft_state_resource": "El recurso del propio estado ({place}): {name} ({url}{phone}{checked}).",
        "ft_no_state_link": "La agencia de tratamiento de {place}: no tengo un enlace que haya comprobado, así que "
                            "no voy a adivinarlo. La línea de ayuda de arriba le puede poner en contacto.",
        "ft_danger": "Si alguien está en peligro o puede tener una sobredosis, llame al {emergency}.",
        "ft_store_down": "FindTreatment.gov tiene los programas con licencia de cada estado.",
        "ft_reask": "No encontré un estado o territorio de EE. UU. que se llame \"{answer}\". Escriba el nombre del "
                    "estado o sus dos letras, por ejemplo Texas o TX (también Washington DC, Puerto Rico y los demás "
                    "territorios).",
        "ft_buttons": {"ask_cost": "Cómo pagar el tratamiento", "choose_level_of_care": "¿Qué nivel de atención conviene?",
                       "find_treatment_by_state": "Otro estado"},
    },
}


def phrases(language: Optional[str]) -> Dict[str, object]:
    """Return the phrases for ``language`` (a conversation's ``language`` slot), English when unknown."""
    return PHRASES.get(language or PRIMARY_LANGUAGE, PHRASES[PRIMARY_LANGUAGE])


def say(language: Optional[str], key: str, **values: object) -> str:
    """Return the phrase ``key`` in ``language`` with ``values`` filled in."""
    return str(phrases(language)[key]).format(**values)


def month_year(language: Optional[str], date) -> str:  # type: ignore[no-untyped-def]
    """Return "March 2026" / "marzo 2026": the review dates shown to people."""
    return f"{phrases(language)['months'][date.month - 1]} {date.year}"
