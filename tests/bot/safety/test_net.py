"""The deterministic safety net: slang, typos, third person, indirect language; not questions or idioms."""

from __future__ import annotations

import pytest

from bot.safety.net import get_safety_net, normalize


@pytest.fixture(scope="module")
def detector():
    return get_safety_net()


@pytest.mark.parametrize(
    "text,kind",
    [
        ("he's not breathing", "overdose"),
        ("my friend OD'd", "overdose"),
        ("she od’d in the car", "overdose"),
        ("tell my mom i love her, i wont be around after friday", "suicide"),
        ("when does the second narcan kick in, he still isnt breathing", "overdose"),
        ("the abscess opened up and i can see the bone, fever too", "medical"),
        ("been setting aside my pills for months. i just wanted someone to know", "suicide"),
        ("my eyes are yellow and my stomach hurts bad since yesterday", "medical"),
        ("the rope is up in the garage", "suicide"),
        # "not ok" describes the person; it does not deny the wish ("I'M NOT OK I WANT TO DIE")
        ("I'M NOT OK I WANT TO DIE", "suicide"),
        ("not fine. want to die", "suicide"),
        ("might as well end it tonight", "suicide"),
        ("people ask if i ever think about killing myself. i do, every night", "suicide"),
        ("coughing up pink foam since i used", "medical"),
        ("she is going blue and i sprayed narcan and nothing happened", "overdose"),
        ("if you dont hear from me by monday, im sorry", "suicide"),
        ("nodding out and won't wake up", "overdose"),
        ("his lips are turning blue", "overdose"),
        ("my son isnt breathin", "overdose"),  # typo
        ("he is not breating", "overdose"),  # typo, one edit away
        ("OVERDOSE HAPPENING RIGHT NOW", "overdose"),
        ("i want to help my friend, he is not breathing", "overdose"),
        ("everyone would be better off without me", "suicide"),
        ("I have a plan", "suicide"),
        ("im gonna end it", "suicide"),
        ("i'm going to take all my pills tonight and not wake up", "suicide"),
        ("my daughter is suicidal", "suicide"),
        ("my friend is having a seizure", "medical"),
        ("i can't keep any water down for 2 days", "medical"),
        ("he collapsed and is having a seizure", "medical"),
        ("my arm is swollen and hot and i have a fever", "medical"),
    ],
)
def test_crisis_is_detected(detector, text, kind):
    match = detector.detect(text)
    assert match is not None, text
    assert match.kind == kind
    assert match.intent == f"crisis_{kind}"


@pytest.mark.parametrize(
    "text",
    [
        "what are the signs of an overdose?",
        "how do i know if someone is overdosing",
        "I'm dying to know how methadone works",
        "can withdrawal cause seizures?",
        "my brother overdosed last year",
        "i overdosed years ago and now i'm in recovery",
        "i have a plan to quit next week",
        "collapsed veins from injecting",
        "this craving is killing me",
        "what is naloxone",
        "my heart almost stopped when i saw the foil in her room",
        "she sleeps at odd hours and lost weight, is that opioids",
        "this exam is gonna be the death of me lol",
        "i want to quit and i know how hard it is, where do i start",
        "it wasnt her fault he relapsed, how do i tell her that",
        "i dont want to die, i want to get clean",
        "sick of slowly killing myself with pills, where do i start",
        "i had suicidal thoughts years ago, should i tell the intake nurse",
    ],
)
def test_topic_questions_and_figures_of_speech_do_not_fire(detector, text):
    assert detector.detect(text) is None, text


def test_negation_is_not_a_crisis_and_is_recorded(detector):
    analysis = detector.analyse("I'm not suicidal, just tired")
    assert analysis.matches == ()
    assert ("suicide", "negation") in analysis.vetoed
    assert analysis.ruled_out()


def test_past_event_is_ruled_out(detector):
    analysis = detector.analyse("my son overdosed two years ago")
    assert analysis.matches == () and analysis.ruled_out()


def test_urgency_beats_a_question_marker(detector):
    assert detector.detect("what do i do if hes not breathing right now").kind == "overdose"


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "🙂" * 50, "a" * 100_000, "<script>alert(1)</script>", None, 42])
def test_odd_input_never_crashes(detector, text):
    assert detector.detect(text) is None


def test_crisis_at_the_start_of_a_huge_message_is_still_found(detector):
    assert detector.detect("he's not breathing " + "x " * 50_000).kind == "overdose"


def test_normalize_spells_out_slang_and_drops_apostrophes():
    assert normalize("He OD'd, won’t wake") == "he overdosed, wont wake"
    assert normalize("he ODed") == "he overdosed"
    assert normalize("sleeping at odd hours") == "sleeping at odd hours"  # "odd" is not "od'd"
    assert normalize("helppp") == "help"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("mi hermano no respira", "overdose"),
        ("mi hijo no despierta y tiene los labios morados", "overdose"),
        ("my brother no respira help", "overdose"),
        ("ya no quiero vivir", "suicide"),
        ("me tomé todas las pastillas", "suicide"),  # accents are dropped before matching
        ("mi hija dice que se va a matar", "suicide"),
        ("mi papá está convulsionando", "medical"),
        ("le duele el pecho y suda mucho", "medical"),
        ("se me durmio medio cuerpo y tengo la boca chueca", "medical"),  # signs of a stroke
        # "desde hace anos" says how long the use has gone on, it does not date the fever
        ("tengo fiebre alta y un dolor que no aguanto, me inyecto desde hace años", "medical"),
        # a long clause after it tells its own story; only a short one dates the clause before
        ("tengo fiebre alta y el corazon me suena raro, hace años me dijeron que tengo un soplo", "medical"),
        ("tengo un plan y es hoy", "suicide"),
        ("no soy suicida ni nada pero seria mas facil si no estuviera aqui", "suicide"),
        ("ya tengo las pastillas de mi mama contadas en la mesa", "suicide"),
        ("creo que me pase con la chiva siento que me estoy yendo", "overdose"),
        ("solo quiero dormir para siempre y ya", "suicide"),
        ("necesito que parezca un accidente para que mis hijos cobren el seguro", "suicide"),
        ("con la abstinencia no retengo ni agua desde el sabado", "medical"),
        ("lleva media hora sin moverse despues de usar y tiene las unas azules", "overdose"),
        ("me estoy cortando ahorita y no puedo parar", "suicide"),
        ("la proxima vez no quiero que me salven", "suicide"),
        ("de repente el peor dolor de cabeza que he tenido", "medical"),
        ("mi hermano esta tieso en el baño y tiene los labios negros", "overdose"),
        ("mi vecino tiene un plan para matarse mañana", "suicide"),
        ("tengo 8 meses de embarazo y estoy sangrando mucho", "medical"),
        ("ya me voy de este mundo, quería despedirme", "suicide"),
        ("se me rompio la aguja en el brazo y no la puedo sacar", "medical"),
        ("ya regale mis cosas, cuiden a mi gato", "suicide"),
        ("mi primo tiene espuma por la boca y no se levanta", "overdose"),
        ("vomite sangre negra esta mañana", "medical"),
        ("cuanto aire a proposito en la vena hace falta", "suicide"),
        ("si no me ayudan hoy me quito la vida", "suicide"),
        ("mi tio dice que se va a colgar", "suicide"),
        ("mi bebe se comio una tirita de suboxone", "overdose"),
        # "puede" tells here, it does not ask
        ("lleva tres dias vomitando, no puede ni comer y ahora esta confundida y debil", "medical"),
    ],
)
def test_spanish_and_spanglish_crises_are_found_and_marked_spanish(detector, text, kind):
    match = detector.detect(text)
    assert match is not None and match.kind == kind, text
    assert match.lang == "es"


@pytest.mark.parametrize(
    "text",
    [
        "me muero de hambre",
        "estoy muerta de cansancio",
        "mi abuelo tuvo una sobredosis hace anos",
        "no quiero morir, solo quiero dejar la chiva",
        "que pasa si alguien no respira despues de usar",
        "el examen de hoy me mato, ya no quiero saber nada de la escuela",
        "tuvo una sobredosis la semana pasada y ya le dieron de alta",
        "mi primo tuvo fiebre alta hace unos dias, como evito infecciones",
        "tuvo fiebre alta, hace dos semanas",  # a short clause after it is the date
        "ya tengo un plan de tratamiento para hoy en la clinica",
        "tengo miedo de que mi hijo un dia no vuelva a despertar por la fenta",
        "que hago si no retengo ni agua cuando empiece el detox",
        # a story told now: a month named, a survival, "ahora" that is not "right now"
        "mi novio tuvo una sobredosis en agosto y sobrevivio, ahora quiere entrar a un programa",
        "mi tio se va a matar trabajando en dos empleos para pagar el rehab",
        "no estoy pensando en matarme, solo quiero saber si la tristeza es de la abstinencia",
        "los dolores de pecho son normales en la abstinencia? ahorita no tengo nada, es para saber",
        "me tome unas azules el sabado y ya me arrepenti, como vuelvo a empezar",
        "con la malilla siento que me voy a morir del dolor de espalda, es normal?",
        "me soltaron sin receta, como hago para seguir sin cortarme el suboxone",
        "mi tio se suicido hace dos años y mi prima no lo supera, que grupos hay",
        "ya es hora de irme a dormir, gracias por todo",
        "me entro aire a la jeringa sin querer, es peligroso?",
        "no quiero bajar la dosis de metadona todavia, es normal?",
        "ya tengo todo listo para entrar al rehab el lunes",
        "me voy con el equipo al partido el sabado",
        "me quiero morir de la verguenza, mi mama vio mis mensajes",
    ],
)
def test_spanish_idioms_questions_negations_and_past_events_do_not_fire(detector, text):
    assert detector.detect(text) is None, text


def test_a_crisis_in_a_later_clause_is_not_excused_by_a_past_event_in_another(detector):
    text = "my cousin overdosed last year. but right now my brother is not breathing"
    assert detector.detect(text).kind == "overdose"
    text = "i overdosed years ago and got clean, but tonight i want to kill myself"
    assert detector.detect(text).kind == "suicide"


def test_a_question_in_one_clause_does_not_hide_a_report_in_the_next(detector):
    assert detector.detect("what are the signs of overdose? my husband isnt breathing").kind == "overdose"


def test_clauses_split_at_punctuation_line_breaks_and_but():
    from bot.safety.net import clauses

    assert clauses("i'm fine, really.\nbut i took all my pills") == ["i'm fine", "really", "i took all my pills"]


def test_risk_words_are_seen_in_both_languages(detector):
    assert detector.has_risk_word("i took all of them")
    assert detector.has_risk_word("ya no aguanto")
    assert not detector.has_risk_word("what is methadone")


def test_a_past_event_dated_in_the_next_clause_is_still_past(detector):
    analysis = detector.analyse("my sister has overdosed 3 times, all in the past, and shes on methadone now")
    assert analysis.matches == () and ("overdose", "past") in analysis.vetoed


def test_saying_nobody_is_hurt_turns_overdose_words_into_a_question(detector):
    analysis = detector.analyse("blue lips and not breathing, those are the signs right? nobody is hurt, im teaching a class")
    assert analysis.matches == () and analysis.ruled_out()
    assert detector.detect("nobody is hurt yet but hes not breathing right now").kind == "overdose"  # urgency wins


def test_thanks_for_saving_a_life_is_not_a_crisis(detector):
    assert detector.detect("you saved my life tonight, thank you") is None


@pytest.mark.parametrize(
    "text",
    ["i took all my pills", "i took all my pills an hour ago", "swallowed a handful of xanax", "she took the whole bottle"],
)
def test_taking_all_the_pills_is_suicide_in_any_tense(detector, text):
    assert detector.detect(text).kind == "suicide", text


def test_taking_pills_as_prescribed_is_not(detector):
    assert detector.detect("i took my pills this morning like the doctor said") is None


def test_a_past_overdose_told_with_years_since_or_days_later_is_a_story(detector):
    assert detector.detect("its been 10 years since my husband overdosed and i still carry the guilt") is None
    assert detector.detect("the intervention went badly and he overdosed two days later. hes ok now") is None


def test_a_general_question_about_a_symptom_is_not_a_report(detector):
    assert detector.detect("does tranq make you stop breathing too or does it just knock you out") is None


@pytest.mark.parametrize(
    "text",
    ["been saving up my take homes so i can take them all at once", "tonight is the night, im done fighting", "this is my last post"],
)
def test_plans_and_goodbyes_without_the_word_suicide(detector, text):
    assert detector.detect(text).kind == "suicide", text


def test_an_all_clear_does_not_hide_a_danger_introduced_with_but(detector):
    assert detector.detect("he overdosed, hes ok now but his lips are blue").kind == "overdose"


@pytest.mark.parametrize("text", ["are there online meetings? i work nights and cant get to in person ones",
                                  "some days i can't get off the couch"])
def test_cant_get_somewhere_is_not_cant_wake_someone(detector, text):
    assert detector.detect(text) is None


def test_goodbye_after_im_done_and_agonal_breathing(detector):
    assert detector.detect("people like me dont get better. im done. goodbye").kind == "suicide"
    assert detector.detect("off duty at a bus stop, man down, agonal breathing").kind == "overdose"


@pytest.mark.parametrize(
    "text",
    [
        "i overdosed on purpose last time and they brought me back. tonight im going where nobody will find me",
        "tied a belt up in the closet earlier",
    ],
)
def test_a_second_attempt_or_a_method_made_ready_is_suicide(detector, text):
    assert detector.detect(text).kind == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "my brother overdosed in 2019 and i still cant talk about it",
        "i heard people overdose right after getting out of jail, why is that",
        "some days i want to die of boredom lol",
        "my grandson overdosed at a party saturday. hes home now and acting like nothing happened",
    ],
)
def test_dated_events_generic_people_and_boredom_are_not_a_crisis(detector, text):
    assert detector.detect(text) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("i just want to go to sleep and stay asleep", "suicide"),
        ("honestly i wanna sleep and never wake up", "suicide"),
        ("our newborn has this high pitched crying nonstop and the baby wont eat, i was on subs", "medical"),
    ],
)
def test_wishing_never_to_wake_and_a_newborn_who_cannot_feed(detector, text, kind):
    assert detector.detect(text).kind == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my daughter isnt waking up for school and her lips look weird and she feels cold", "overdose"),
        ("I have been saving up my take-home methadone doses for weeks", "suicide"),
        ("how many would it take to not wake up. not asking for a friend", "suicide"),
    ],
)
def test_not_waking_for_school_a_saved_up_supply_and_not_waking_on_purpose(detector, text, kind):
    assert detector.detect(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "I found my brother unresponsive on Saturday and gave him two doses. He seems fine today. What should we watch for?",
        "My son has overdosed twice this year. How do I know where the line is between helping and enabling?",
        "I've heard people are in danger of overdosing right after release. Why is that?",
        "Last Christmas my brother overdosed in my parents' house. How do families get through the holidays?",
        "The anniversary of my dad's suicide is next week and I'm dreading it",
        "at my intake the counselor asked about self harm history, i never have",
        "i could kill for a coffee rn",
    ],
)
def test_dated_past_events_a_relatives_suicide_intake_questions_and_cravings_for_coffee(detector, text):
    assert detector.detect(text) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my heart keeps skipping and i fainted twice today, im on a high dose of methadone", "medical"),
        ("is it normal for someone to stop breathing for a bit when they nod out? hes doing it right now next to me", "overdose"),
    ],
)
def test_a_count_is_not_a_date_and_urgency_in_the_next_clause_counts(detector, text, kind):
    assert detector.detect(text).kind == kind


def test_what_to_watch_for_before_a_party_tonight_is_still_a_question(detector):
    assert detector.detect("what are the signs someone stopped breathing? going to a party tonight") is None


@pytest.mark.parametrize(
    "text",
    [
        "can someone stop breathing again after the narcan wears off",
        "my nursing prof asked us to explain why people stop breathing in an opioid overdose",
        "hes not overdosing or anything but he keeps drifting off at dinner, would that be opioids",
        "I'm tired of living like this, hiding pills from my wife. Where do I start?",
        "i used to think about suicide a lot before i got help but that was years ago",
    ],
)
def test_how_breathing_stops_a_negated_overdose_and_a_way_of_life_are_not_crises(detector, text):
    assert detector.detect(text) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("if i use the whole gram alone tonight at least itll be over", "suicide"),
        ("how much would i have to use to just not wake up. asking for me", "suicide"),
        ("abscess on my neck from shooting keeps getting bigger and now its hard to swallow", "medical"),
        ("can someone help he stopped breathing", "overdose"),
        ("i dont know if hes overdosing, his lips are blue", "overdose"),
    ],
)
def test_at_least_it_will_be_over_and_an_abscess_that_blocks_swallowing(detector, text, kind):
    assert detector.detect(text).kind == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("how do i use the narcan RIGHT NOW hes turning gray", "overdose"),
        ("grandpa took his morphine twice by accident and now hes breathing really really slow", "overdose"),
        ("if i do the whole bag tonight at least its finally over", "suicide"),
        ("everybody i love dies from this shit. i want to go too", "suicide"),
    ],
)
def test_turning_gray_very_slow_breathing_and_wanting_to_follow_the_dead(detector, text, kind):
    assert detector.detect(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "My therapist asked me today if I ever think about suicide. I said no and I meant it.",
        "As a counselor I screen every client for suicidal thoughts at intake. How should I ask?",
        "The intake form asks if I have ever thought about hurting myself. Who gets to see those answers?",
        "im dying to see the new marvel movie, what time does it play",
    ],
)
def test_screening_questions_and_movies_are_not_crises(detector, text):
    assert detector.detect(text) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("how much fent would it take to make it painless. asking for me", "suicide"),
        ("kinda random q about suboxone dosing. but i guess i should also tell someone that i bought a rope today", "suicide"),
        ("im not really asking for help, i just wanted somebody to know before i go", "suicide"),
        ("type 1 diabetic and dope sick, my sugar is 480 and i cant stop puking", "medical"),
    ],
)
def test_a_painless_way_a_rope_a_goodbye_and_endless_vomiting(detector, text, kind):
    assert detector.detect(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "how do you tell if someone is overdosing vs just really high? nothing happening right now, i just want to be ready",
        "im killing myself working 2 jobs already, theres no way i can disappear for a month of rehab",
        "is DBT used for addiction? i used to self harm when i was a teen, havent in years",
        "i overdosed on netflix this weekend lol, any good shows",
    ],
)
def test_nothing_happening_right_now_overwork_past_self_harm_and_binge_watching(detector, text):
    assert detector.detect(text) is None
