"""Invented Dutch texts for the demo case files: how households put their request, the goals they set in
their own words, the actions, notes, short contacts and signals. Nothing here is about a real person."""

from __future__ import annotations

# Life domain -> how a household puts its request.
REQUESTS: dict[str, list[str]] = {
    "finances": [
        "Ik krijg de rekeningen niet meer betaald.",
        "De post stapelt zich op en ik durf de enveloppen niet meer open te maken.",
        "We hebben een achterstand bij de huur en de energie.",
        "Sinds mijn man is overleden weet ik niet hoe ik de geldzaken moet regelen.",
        "Er is een brief van de deurwaarder gekomen en ik weet niet wat ik moet doen.",
        "Aan het eind van de maand is er geen geld meer voor boodschappen.",
    ],
    "work_education": [
        "Ik ben mijn baan kwijt en weet niet hoe het nu verder moet.",
        "Onze zoon is gestopt met school en zit de hele dag op zijn kamer.",
        "Ik wil graag weer aan het werk, maar weet niet waar ik moet beginnen.",
        "Mijn dochter spijbelt steeds vaker en de school belt ons bijna elke week.",
    ],
    "time_use": [
        "Sinds de werkplaats dicht is heb ik overdag niets meer te doen.",
        "Ik verveel me en de dagen duren lang.",
    ],
    "housing": [
        "We moeten binnenkort het huis uit en weten niet waar we heen moeten.",
        "Het huis is vochtig, de kinderen zijn steeds ziek en de verhuurder doet niets.",
        "Het lukt me niet meer om het huis schoon en opgeruimd te houden.",
        "De trap is te steil geworden; ik kom bijna niet meer boven.",
    ],
    "domestic_relations": [
        "Er is veel ruzie thuis sinds de scheiding.",
        "Onze dochter luistert niet meer en we weten niet wat we moeten doen.",
        "De afspraken over de kinderen met mijn ex lopen steeds vast.",
        "Ik maak me zorgen over hoe het thuis gaat met de kinderen.",
    ],
    "mental_health": [
        "Ik zit niet goed in mijn vel en slaap slecht.",
        "Sinds een paar maanden kom ik de deur bijna niet meer uit.",
        "Ik pieker de hele dag en kan me nergens meer op concentreren.",
    ],
    "physical_health": [
        "Na mijn operatie kan ik veel minder dan vroeger.",
        "Mijn moeder valt steeds vaker en woont alleen.",
    ],
    "substance_use": [
        "Mijn partner drinkt te veel en dat geeft problemen thuis.",
        "Ik gebruik meer dan goed voor me is en wil daar hulp bij.",
    ],
    "basic_adl": ["Wassen en aankleden lukt me niet meer alleen."],
    "instrumental_adl": [
        "Boodschappen doen en koken lukt me niet meer alleen.",
        "Ik kan de formulieren op de computer niet invullen.",
    ],
    "social_network": [
        "Ik ben eenzaam en heb niemand om mee te praten.",
        "Sinds de verhuizing ken ik hier niemand.",
        "Mijn kinderen wonen ver weg en ik zie bijna niemand meer.",
        "Ik zorg al jaren voor mijn vrouw en het wordt me te veel.",
    ],
    "community_participation": [
        "Ik wil graag iets doen in de buurt, maar weet niet wat.",
        "Ik spreek de taal nog niet goed en voel me buitengesloten.",
    ],
}

# Domains that often come together in one request.
COMPANIONS: dict[str, list[str]] = {
    "finances": ["housing", "mental_health", "social_network", "work_education"],
    "work_education": ["finances", "domestic_relations", "time_use"],
    "housing": ["finances", "physical_health"],
    "domestic_relations": ["mental_health", "work_education", "finances"],
    "mental_health": ["social_network", "finances", "substance_use"],
    "physical_health": ["instrumental_adl", "social_network", "housing"],
    "substance_use": ["domestic_relations", "finances"],
    "basic_adl": ["physical_health", "instrumental_adl"],
    "instrumental_adl": ["physical_health", "social_network"],
    "social_network": ["mental_health", "time_use", "community_participation"],
    "time_use": ["social_network", "work_education"],
    "community_participation": ["social_network", "work_education"],
}
# How often a domain is the main one (weights; debts and loneliness lead in most teams).
MAIN_DOMAINS: dict[str, int] = {
    "finances": 30,
    "social_network": 14,
    "domestic_relations": 13,
    "mental_health": 12,
    "housing": 10,
    "work_education": 8,
    "physical_health": 5,
    "instrumental_adl": 3,
    "substance_use": 2,
    "time_use": 1,
    "community_participation": 1,
    "basic_adl": 1,
}

# Life domain -> goals in the household's words, with how they will know it is reached.
GOALS: dict[str, list[tuple[str, str]]] = {
    "finances": [
        ("Rust in de geldzaken", "De vaste lasten worden drie maanden op rij op tijd betaald"),
        ("Weer overzicht over de post", "Alle post is geopend en ligt in de map"),
        ("Van de schulden af", "Er loopt een schuldregeling"),
        ("Genoeg geld voor boodschappen tot het eind van de maand", "Een weekbudget dat uitkomt"),
    ],
    "work_education": [
        ("Daan weer naar school", "Vier weken achter elkaar elke dag op school"),
        ("Werk of vrijwilligerswerk vinden", "Twee dagdelen per week iets te doen buitenshuis"),
        ("Een opleiding kiezen die past", "Ingeschreven voor het nieuwe schooljaar"),
    ],
    "time_use": [("Een zinvolle dagbesteding", "Drie ochtenden per week ergens naartoe")],
    "housing": [
        ("Een droog en veilig huis", "De verhuurder heeft het vocht verholpen"),
        ("In ons huis kunnen blijven", "De huurachterstand is ingelopen"),
        ("Een opgeruimd huis", "De woonkamer en keuken zijn weer bruikbaar"),
    ],
    "domestic_relations": [
        ("Minder ruzie thuis", "Een week zonder grote ruzies"),
        ("Goede afspraken over de kinderen", "Een ouderschapsplan dat beide ouders tekenen"),
        ("Weer samen aan tafel eten", "Drie keer per week samen eten"),
    ],
    "mental_health": [
        ("Beter slapen en minder piekeren", "De meeste nachten zes uur slaap"),
        ("Weer de deur uit durven", "Zelf naar de supermarkt gaan"),
    ],
    "physical_health": [("Veilig thuis blijven wonen", "Geen valpartijen meer in drie maanden")],
    "substance_use": [("Minder drinken", "Doordeweeks geen alcohol")],
    "basic_adl": [("Goed verzorgd zijn", "Elke ochtend hulp bij het wassen")],
    "instrumental_adl": [
        ("Zelf de boodschappen kunnen doen", "Eens per week samen boodschappen"),
        ("Formulieren zelf kunnen invullen", "De aanvraag toeslagen zelf gedaan"),
    ],
    "social_network": [
        ("Iemand om mee te praten", "Een vast maatje dat elke week langskomt"),
        ("Nieuwe mensen leren kennen in de buurt", "Elke week naar de eettafel"),
        ("Mantelzorg volhouden", "Een vaste dag in de week vrij"),
    ],
    "community_participation": [
        ("Meedoen in de buurt", "Een activiteit in het buurthuis"),
        ("Beter Nederlands spreken", "Elke week naar het taalcafé"),
    ],
}

# Who does it -> what.
ACTIONS: dict[str, list[str]] = {
    "household": [
        "Post openen en in de map doen",
        "Afspraak maken bij de huisarts",
        "Bankafschriften van drie maanden verzamelen",
        "Elke ochtend samen ontbijten",
        "Aanmelden bij de eettafel",
    ],
    "own_network": [
        "Zus helpt met de boodschappen op zaterdag",
        "Buurman rijdt mee naar het ziekenhuis",
        "Oom neemt Daan mee naar voetbal",
    ],
    "volunteer": [
        "Samen boodschappen doen",
        "Wekelijks een wandeling maken",
        "Helpen met de thuisadministratie",
        "Meegaan naar de eettafel",
        "Samen formulieren invullen",
    ],
    "worker": [
        "Budgetplan opstellen",
        "Aanvraag bijzondere bijstand indienen",
        "Contact opnemen met de school",
        "Gesprek met de verhuurder voeren",
        "Doorverwijzing naar de huisarts bespreken",
    ],
    "partner": [
        "Schuldenoverzicht maken",
        "Betalingsregeling treffen met de verhuurder",
        "Indicatie wijkverpleging aanvragen",
        "Intake cliëntondersteuning plannen",
    ],
}

NOTES: list[str] = [
    "Huisbezoek afgelegd. De post is samen doorgenomen; er liggen nog twee aanmaningen.",
    "Telefonisch contact. Het gaat wat beter; de afspraak bij de huisarts is gemaakt.",
    "Gesprek op het wijkkantoor. Samen de doelen in het plan doorgelopen.",
    "Huisbezoek. De kinderen waren thuis; de sfeer was rustig.",
    "Gebeld met de school over de aanwezigheid; er komt een gesprek met de mentor.",
    "Bericht gestuurd over de afspraak volgende week; bevestiging ontvangen.",
    "Huisbezoek samen met de schuldhulpverlener; het overzicht is bijna compleet.",
    "Telefonisch contact met de dochter, die mantelzorg geeft; zij is erg moe.",
    "Gesprek met de verhuurder; de reparatie van de badkamer is ingepland.",
    "Evaluatie met het gezin: de meeste afspraken zijn nagekomen.",
]
NOTES_PROFESSIONAL_SECRECY: list[str] = [
    "Schuldenoverzicht opgesteld; elf schuldeisers, details in het eigen dossier.",
    "Gesprek over de inkomsten en uitgaven; een voorlopig budget gemaakt.",
    "Contact gehad met twee schuldeisers over een betalingspauze.",
]
NEXT_STEPS: dict[str, list[str]] = {
    "intake": ["Kennismakingsgesprek plannen", "Huisbezoek plannen", "Vraag verhelderen met de huisarts"],
    "plan": ["Plan bespreken met het gezin", "Doelen samen opschrijven", "Afspraken maken met de partners"],
    "execution": ["Voortgang bespreken", "Afspraak met de schuldhulp volgen", "Huisbezoek over drie weken"],
    "evaluation": ["Evaluatiegesprek voorbereiden", "Afsluiting bespreken", "Resultaten met het gezin doorlopen"],
}
PLAN_SUMMARIES: list[str] = [
    "Samen zorgen we dat er weer rust en overzicht komt, stap voor stap en in het tempo van het gezin.",
    "We werken aan een veilige thuissituatie en aan steun uit de eigen omgeving.",
    "Het gezin wil zelf weer grip krijgen; wij helpen waar dat nodig is en bouwen dat af.",
    "Eerst de acute zorgen oplossen, daarna samen werken aan een goede dagindeling.",
]
CLOSING_NOTES: dict[str, list[str]] = {
    "goals_reached": ["De doelen zijn bereikt; het gezin redt het zelf weer.", "Rust in huis en de post is op orde."],
    "partly_reached": ["Een deel is gelukt; het gezin gaat zelf verder met steun van familie."],
    "referred": ["Doorverwezen naar specialistische hulp; warme overdracht gedaan."],
    "no_longer_wanted": ["Het gezin wil op dit moment geen ondersteuning meer."],
    "moved": ["Het huishouden is verhuisd naar een andere gemeente; overdracht gedaan."],
    "no_contact": ["Na herhaalde pogingen geen contact meer gekregen."],
}
COORDINATOR_CHANGE_REASONS: list[str] = [
    "Verlof van de regisseur",
    "Betere match met de vraag van het gezin",
    "Regisseur werkt vanaf nu in een ander team",
    "Evenwichtiger verdeling van de caseload",
]
CONFERENCE_QUESTIONS: list[str] = [
    "Hoe krijgen we de schulden in beeld en wie doet wat?",
    "Wat heeft het gezin nodig om de kinderen weer naar school te krijgen?",
    "Is de thuissituatie veilig genoeg, en wie houdt de vinger aan de pols?",
    "Hoe voorkomen we dat het gezin het huis uit moet?",
]
CONFERENCE_AGREEMENTS: list[str] = [
    "Schuldhulp maakt binnen twee weken een overzicht; de regisseur bespreekt het met het gezin.",
    "De school en het team houden wekelijks contact; de jeugdverpleegkundige sluit aan.",
    "Het team houdt de vinger aan de pols; bij nieuwe zorgen direct overleg met Veilig Thuis.",
]
CONFERENCE_OTHERS: list[str] = ["Huisarts", "Intern begeleider van de school", "Woningcorporatie", ""]

# Short contacts: who asked, and what was done.
SHORT_CONTACT_WHO: list[str] = [
    "vrouw, ongeveer 70",
    "man, ongeveer 60",
    "jonge moeder met kinderwagen",
    "student, rond de 20",
    "buurman van de overkant",
    "man, ongeveer 45",
    "vrouw, ongeveer 35",
    "oudere man met rollator",
]
SHORT_CONTACT_DONE: dict[str, list[str]] = {
    "finances": [
        "Uitgelegd hoe de huurtoeslag werkt en samen de aanvraag gedaan.",
        "Geholpen met het aanvragen van kwijtschelding van de gemeentelijke belastingen.",
        "Doorverwezen naar het inloopspreekuur voor geldvragen.",
    ],
    "housing": [
        "Uitgelegd hoe je een reparatieverzoek bij de corporatie doet.",
        "Informatie gegeven over inschrijven als woningzoekende.",
    ],
    "social_network": [
        "Informatie gegeven over de eettafel en de wandelgroep in de buurt.",
        "In contact gebracht met het mantelzorgsteunpunt.",
    ],
    "work_education": ["Doorverwezen naar het werkcafé van Werk & inkomen."],
    "instrumental_adl": ["Geholpen met inloggen met DigiD en een formulier ingevuld."],
    "community_participation": ["Aangemeld voor het taalcafé in de bibliotheek."],
    "physical_health": ["Uitgelegd hoe een Wmo-melding voor huishoudelijke hulp werkt."],
}

# Signals: what neighbours, partners and the team notice.
SIGNAL_CONCERNS: list[tuple[str, str]] = [
    ("neighbour", "De buurvrouw ziet de kinderen vaak tot laat op straat."),
    ("neighbour", "De oudere meneer op nummer 12 is al dagen niet buiten geweest."),
    ("housing", "Huurachterstand van drie maanden; geen reactie op brieven."),
    ("housing", "Melding van stankoverlast en een overvolle woning."),
    ("school", "Leerling komt vaak zonder ontbijt en zonder jas naar school."),
    ("gp", "Patiënt mist afspraken en lijkt de zorg niet meer rond te krijgen."),
    ("police", "Meerdere meldingen van ruzie achter de voordeur."),
    ("partner", "De wijkverpleging maakt zich zorgen over de mantelzorger, die overbelast lijkt."),
    ("team_member", "Tijdens het spreekuur vertelde een bewoner over grote zorgen om haar buurman."),
]
SIGNAL_CLOSING_REASONS: list[str] = [
    "Al bekend bij het team en in behandeling.",
    "Na een kort gesprek geen zorgen; bewoner weet de weg.",
    "Bewoner wil geen contact; melder geïnformeerd.",
    "Doorverwezen naar de huisarts, die al betrokken is.",
]
SIGNAL_REPORTERS: list[str] = [
    "buurvrouw",
    "woonconsulent",
    "intern begeleider",
    "wijkagent",
    "praktijkondersteuner",
    "",
]
