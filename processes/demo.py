"""Demo processes for the two demo municipalities, built through the services.

Idempotent, keyed by process slug: a process that already exists is left as
it is, with its contributions, so a demo someone has clicked around in keeps
its state. The extra demo accounts (six citizens and a staff member in
Nordvik) are refreshed on every run, like ``portal.demo.seed_accounts``.

Each process is described as data: rounds, and in each round a list of steps
run in order (a need, a support, a solution, a status change with its
reasoned feedback, a test round, a comment).
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ladder.levels import Level
from participants.models import Role, StakeholderCategory, User
from participants.services import membership_grant
from portal.demo import DEMO_PASSWORD
from portal.models import Area, Municipality
from processes import rules
from processes.demo_participation import seed_profiles
from processes.demo_stakeholders import seed_stakeholders
from processes.models import (
    Arena,
    ArenaSignup,
    CoCreator,
    Contribution,
    Need,
    NeedResult,
    Process,
    Round,
    Solution,
    TestRound,
    Topic,
)
from processes.services.arenas import (
    arena_attendance_record,
    arena_create,
    arena_input_add,
    arena_sign_up,
)
from processes.services.co_creators import co_creator_appoint
from processes.services.comments import comment_add
from processes.services.follows import process_follow
from processes.services.foundations import foundations_score
from processes.services.needs import need_log, need_set_status, need_support
from processes.services.processes import (
    process_create,
    process_set_status,
    round_start,
    slugify_norwegian,
)
from processes.services.solutions import solution_propose, solution_set_status
from processes.services.test_rounds import test_round_record

C = StakeholderCategory
S = Solution.Status
N = Need.Status

# (e-mail, name, municipality slug, role) besides portal.demo.ACCOUNTS.
EXTRA_ACCOUNTS = [
    ("ansatt.nordvik@demo.medspill.no", "Nina Nordvik", "nordvik", Role.STAFF),
    ("innbygger1@demo.medspill.no", "Ola Hansen", None, None),
    ("innbygger2@demo.medspill.no", "Kari Johansen", None, None),
    ("innbygger3@demo.medspill.no", "Ahmed Ali", None, None),
    ("innbygger4@demo.medspill.no", "Marit Olsen", None, None),
    ("innbygger5@demo.medspill.no", "Jonas Berg", None, None),
    ("innbygger6@demo.medspill.no", "Sofie Larsen", None, None),
]

# Short names used in the process data below.
PEOPLE = {
    "ingrid": "innbygger@demo.medspill.no",
    "anders": "ansatt@demo.medspill.no",
    "nina": "ansatt.nordvik@demo.medspill.no",
    "ola": "innbygger1@demo.medspill.no",
    "kari": "innbygger2@demo.medspill.no",
    "ahmed": "innbygger3@demo.medspill.no",
    "marit": "innbygger4@demo.medspill.no",
    "jonas": "innbygger5@demo.medspill.no",
    "sofie": "innbygger6@demo.medspill.no",
}
CITIZENS = ["ingrid", "ola", "kari", "ahmed", "marit", "jonas", "sofie"]


DEMO_FOLLOWER = "ingrid"


def _need(key, author, who, category, body, supporters=(), steps=()):
    return (
        "need",
        {
            "key": key,
            "author": author,
            "who": who,
            "category": category,
            "body": body,
            "supporters": supporters,
            "steps": steps,
        },
    )


def _solution(key, author, title, body, needs, steps=()):
    return (
        "solution",
        {
            "key": key,
            "author": author,
            "title": title,
            "body": body,
            "needs": needs,
            "steps": steps,
        },
    )


def _status(key, status, text):
    return ("status", {"key": key, "status": status, "text": text})


def _test(key, solution, **data):
    return ("test", {"key": key, "solution": solution, **data})


def _comment(key, author, target, body, parent=None):
    return (
        "comment",
        {"key": key, "author": author, "target": target, "body": body, "parent": parent},
    )


SCHOOL = {
    "slug": "skolen-i-darlig-forfatning",
    "title": "Skolen i dårlig forfatning",
    "summary": (
        "Lillevik skole har lekkasjer, dårlig inneklima og for få grupperom. Vi vil finne ut "
        "hva elever, foreldre og ansatte trenger mest før kommunestyret bestemmer hva som "
        "skal gjøres med bygget."
    ),
    "problem_statement": (
        "Lillevik skole ble bygget i 1968 og har ikke vært rehabilitert siden 1990-tallet. "
        "Taket lekker i fløy A, ventilasjonen i gymsalen er underdimensjonert, og lærerne "
        "melder om hodepine og trøtte elever etter lunsj. Skolen har 212 elever og 31 ansatte.\n\n"
        "Vi vet at bygget må utbedres, men ikke hva som betyr mest for dem som bruker det "
        "hver dag. Er det luften, plassen, lyset eller uteområdet? Og hvem merker det mest: "
        "elevene, de ansatte eller lagene som bruker gymsalen på kveldstid?"
    ),
    "already_decided": (
        "Skolen skal fortsatt ligge på dagens tomt. Taket i fløy A skal tettes i 2027 "
        "uansett hva prosessen kommer fram til."
    ),
    "open_questions": (
        "Hvilke rom og funksjoner som skal prioriteres, om gymsalen skal oppgraderes eller "
        "bygges nytt, og hvordan skolen kan drives mens arbeidet pågår."
    ),
    "budget": "2,5 mill. kr i 2027, og inntil 18 mill. kr i investeringsbudsjettet for 2028",
    "constraints": (
        "Undervisningen kan ikke stanse. Bygget er ikke fredet, men fasaden mot torget er "
        "med i kommunens kulturminneplan."
    ),
    "decision_maker": "Kommunestyret",
    "decision_due": date(2027, 6, 17),
    "level": Level.ACCOUNTABLE,
    "target_level": Level.EQUAL,
    "status": Process.Status.OPEN,
    "topics": ["Skole og oppvekst", "Bygg og eiendom"],
    "rounds": [
        {
            "focus": Round.Focus.NEED,
            "steps": [
                _need(
                    "air",
                    "kari",
                    "Elever på mellomtrinnet",
                    C.CHILDREN,
                    "Etter lunsj blir luften i klasserommene i fløy B så tung at barna ikke "
                    "klarer å konsentrere seg. Datteren min kommer hjem med hodepine flere "
                    "ganger i uka.",
                    supporters=["ingrid", "ola", "marit", "jonas"],
                    steps=[
                        (
                            N.UNDER_REVIEW,
                            "Takk! Vi har målt CO₂ i fløy B to uker i oktober, og verdiene var "
                            "over anbefalt nivå hver dag etter kl. 12. Behovet er med i "
                            "vurderingen.",
                        ),
                    ],
                ),
                _need(
                    "groups",
                    "anders",
                    "Lærere og spesialpedagoger",
                    C.EMPLOYEE,
                    "Vi mangler rom for å jobbe med små grupper. I dag bruker vi gangen og "
                    "garderoben når elever trenger å gå ut av klassen.",
                    supporters=["marit", "sofie"],
                    steps=[
                        (
                            N.UNDER_REVIEW,
                            "Behovet kom fram på personalmøtet 8. oktober og er registrert på "
                            "vegne av de ansatte.",
                        ),
                        (
                            N.IN_SOLUTION,
                            "Tatt med i løsningsforslaget om å dele opp det gamle biblioteket "
                            "i grupperom.",
                        ),
                    ],
                ),
                _need(
                    "leak",
                    "ola",
                    "Elever og ansatte i fløy A",
                    C.CITIZEN,
                    "Det drypper fra taket i to klasserom når det regner, og det står bøtter "
                    "på gulvet. Det lukter mugg i det ene rommet.",
                    supporters=["kari", "ahmed", "jonas"],
                    steps=[
                        (N.UNDER_REVIEW, "Vi har sendt vaktmester og byggteknisk rådgiver."),
                        (
                            N.MET,
                            "Taket i fløy A tettes i 2027 uansett utfall av prosessen. Rommet "
                            "med muggslukt er stengt til det er undersøkt av "
                            "bedriftshelsetjenesten.",
                        ),
                    ],
                ),
                _need(
                    "gym",
                    "jonas",
                    "Idrettslaget og andre som leier gymsalen",
                    C.VOLUNTARY,
                    "Lillevik IL bruker gymsalen fire kvelder i uka. Garderobene er for små og "
                    "dusjene virker bare delvis, så mange dropper trening om vinteren.",
                    supporters=["ola"],
                    steps=[
                        (
                            N.UNDER_REVIEW,
                            "Vi ser på om gymsalen kan oppgraderes i samme byggetrinn som "
                            "ventilasjonen.",
                        ),
                    ],
                ),
                _need(
                    "outdoor",
                    "ingrid",
                    "Barn på småtrinnet",
                    C.CHILDREN,
                    "Skolegården er asfalt og et fotballmål. De minste trenger steder å "
                    "klatre, gjemme seg og leke i skygge.",
                    supporters=["kari", "sofie", "ahmed"],
                ),
                _need(
                    "access",
                    "ahmed",
                    "Elever og foreldre som bruker rullestol",
                    C.CITIZEN,
                    "Andre etasje i fløy B har ikke heis. Sønnen min må ha alle timer i "
                    "første etasje, og jeg kommer ikke opp på foreldremøter.",
                    supporters=["ingrid", "marit"],
                    steps=[
                        (
                            N.UNDER_REVIEW,
                            "Universell utforming er et lovkrav ved rehabilitering. Vi ser på "
                            "heis og rampe sammen med byggteknisk rådgiver.",
                        ),
                    ],
                ),
                _need(
                    "light",
                    "marit",
                    "Elever i kjellerrommene",
                    C.CHILDREN,
                    "Musikkrommet og to grupperom ligger i kjelleren uten dagslys.",
                ),
                _need(
                    "parking",
                    "sofie",
                    "Foreldre som kjører barna",
                    C.CITIZEN,
                    "Det er kaotisk ved porten om morgenen. Vi trenger flere parkeringsplasser "
                    "ved skolen.",
                    steps=[
                        (
                            N.CLOSED,
                            "Trafikken ved skolen er med i prosessen «Trygg skolevei» fra "
                            "2025, der det ble bestemt å ikke utvide parkeringen, men lage en "
                            "hente- og bringesone ved idrettsplassen. Derfor går vi ikke videre "
                            "med dette behovet her.",
                        ),
                    ],
                ),
            ],
        },
        {
            "focus": Round.Focus.SOLUTION,
            "learnings": (
                "Runde 1 ga 8 behov. Luft og inneklima er det flest kjenner seg igjen i, fulgt "
                "av mangel på grupperom. Vi hørte lite fra elevene selv, så i runde 2 holder vi "
                "et verksted med elevrådet."
            ),
            "steps": [
                _solution(
                    "ventilation",
                    "anders",
                    "Ny ventilasjon i fløy B og gymsalen",
                    "Bytte ventilasjonsaggregatet i fløy B og gymsalen med behovsstyrt "
                    "ventilasjon og CO₂-målere i hvert klasserom.",
                    ["air", "gym"],
                    steps=[
                        (
                            S.SELECTED,
                            "Valgt for testing: vi låner inn mobile ventilasjonsenheter til to "
                            "klasserom i fire uker og måler effekten før vi bestemmer oss.",
                        ),
                    ],
                ),
                _solution(
                    "library",
                    "marit",
                    "Del det gamle biblioteket i tre grupperom",
                    "Biblioteket brukes lite etter at skolen fikk nettbrett. Med lettvegger kan "
                    "det bli tre grupperom med glassdører.",
                    ["groups"],
                ),
                _solution(
                    "playground",
                    "ingrid",
                    "Naturlekeplass i skråningen bak skolen",
                    "Bruke skråningen mot skogen til klatrestativ, gapahuk og sansehage. "
                    "Foreldrene kan stille på dugnad.",
                    ["outdoor"],
                ),
                _solution(
                    "modules",
                    "ola",
                    "Flytte undervisningen til brakker i byggeperioden",
                    "Sette opp midlertidige paviljonger på grusbanen mens hele skolen "
                    "rehabiliteres på én gang.",
                    ["leak", "air"],
                    steps=[
                        (
                            S.DISCARDED,
                            "Takk for forslaget. Leie av paviljonger for 212 elever i to år "
                            "koster om lag 9 mill. kr og ville tatt grusbanen idrettslaget "
                            "bruker. Vi går derfor for rehabilitering i etapper mens skolen er "
                            "i drift.",
                        ),
                    ],
                ),
            ],
        },
    ],
    "comments": [
        _comment(
            "c1",
            "jonas",
            "ventilation",
            "Bra! Vil målingene bli lagt ut her, så vi kan se forskjellen?",
        ),
        _comment(
            "c2",
            "anders",
            "ventilation",
            "Ja, vi legger ut målingene fra testen som vedlegg til testrunden.",
            parent="c1",
        ),
        _comment(
            "c3",
            "sofie",
            "outdoor",
            "Foreldrerådet har allerede snakket om dugnad til våren, så dette passer fint.",
        ),
    ],
}

YOUTH = {
    "slug": "moteplass-for-ungdom",
    "title": "Møteplass for ungdom",
    "summary": (
        "Ungdom i Lillevik har ikke et sted å være etter skoletid uten å måtte kjøpe noe. "
        "Sammen med ungdommene selv finner vi ut hva en møteplass bør være, og prøver det ut."
    ),
    "problem_statement": (
        "Etter at ungdomsklubben stengte i 2023 har ungdom mellom 13 og 18 år samlet seg "
        "på bensinstasjonen og på bussterminalen. Naboer klager på støy, og ungdommene sier "
        "selv at de ikke har noe sted å gå.\n\nVi vet ikke om behovet er et lokale, "
        "aktiviteter, voksne å snakke med, eller bare et sted å være i fred."
    ),
    "already_decided": "Kommunen stiller et lokale og en halv stilling til disposisjon i 2027.",
    "open_questions": "Hvor møteplassen skal være, åpningstider, innhold og hvem som driver den.",
    "budget": "650 000 kr per år",
    "constraints": "Møteplassen må være rusfri og åpen for all ungdom i kommunen.",
    "decision_maker": "Hovedutvalg for oppvekst og kultur",
    "decision_due": date(2027, 3, 4),
    "level": Level.EQUAL,
    "target_level": Level.EQUAL,
    "status": Process.Status.OPEN,
    "arenas": True,
    "topics": ["Skole og oppvekst", "Kultur og fritid"],
    "rounds": [
        {
            "focus": Round.Focus.NEED,
            "steps": [
                _need(
                    "place",
                    "sofie",
                    "Ungdom 13–18 år",
                    C.CHILDREN,
                    "Vi trenger et sted å være etter skolen der vi ikke må kjøpe noe og ikke "
                    "blir kastet ut.",
                    supporters=["ola", "kari", "ahmed", "jonas", "marit", "ingrid"],
                ),
                _need(
                    "adult",
                    "kari",
                    "Ungdom som sliter",
                    C.CHILDREN,
                    "Noen trenger en voksen å snakke med som ikke er lærer eller forelder.",
                    supporters=["marit"],
                ),
                _need(
                    "quiet",
                    "marit",
                    "Naboer ved bussterminalen",
                    C.CITIZEN,
                    "Vi trenger ro om kveldene. Det er bråk og mopeder til langt på natt.",
                    supporters=["ahmed"],
                    steps=[
                        (
                            N.UNDER_REVIEW,
                            "Vi følger med på om støyen går ned når kafeen er åpen.",
                        ),
                    ],
                ),
                _need(
                    "music",
                    "jonas",
                    "Ungdom som spiller i band",
                    C.CHILDREN,
                    "Et øvingsrom med trommesett og forsterkere som vi kan booke selv.",
                    supporters=["ola", "sofie"],
                ),
                _need(
                    "bus",
                    "ahmed",
                    "Ungdom fra grendene",
                    C.LOCAL_COUNCIL,
                    "Siste buss til Sørbygda går kl. 18. Da rekker vi ikke å være med på noe "
                    "i sentrum.",
                    supporters=["kari"],
                ),
            ],
        },
        {
            "focus": Round.Focus.SOLUTION,
            "learnings": (
                "Ungdommene vil ha et sted å være, ikke et program. Vi utvikler løsningene i en "
                "arbeidsgruppe med fem ungdommer, to foreldre og ungdomskontakten."
            ),
            "steps": [
                _solution(
                    "cafe",
                    "sofie",
                    "Åpen kafé i biblioteket tre kvelder i uka",
                    "Biblioteket holder åpent til kl. 22 tirsdag, onsdag og fredag med sofaer, "
                    "spill og enkel kafé drevet av ungdom. En voksen er alltid til stede.",
                    ["place", "adult"],
                    steps=[
                        (
                            S.SELECTED,
                            "Arbeidsgruppa valgte kafeen for testing fordi den kan starte "
                            "med én gang i lokaler kommunen allerede har.",
                        ),
                    ],
                ),
                _solution(
                    "band",
                    "jonas",
                    "Øvingsrom i kjelleren på kulturhuset",
                    "Bruke det gamle lageret i kulturhuset som øvingsrom med bookingsystem.",
                    ["music"],
                    steps=[
                        (
                            S.SELECTED,
                            "Valgt for testing i fire uker med utlånt utstyr fra kulturskolen.",
                        ),
                    ],
                ),
                _solution(
                    "nightbus",
                    "ahmed",
                    "Ungdomsbuss til grendene fredag kveld",
                    "En ekstra avgang kl. 22.15 til Sørbygda og Nesset på fredager.",
                    ["bus"],
                ),
            ],
        },
        {
            "focus": Round.Focus.TEST,
            "learnings": (
                "Kafeen ble brukt av 30–45 ungdommer hver kveld. Øvingsrommet ble brukt, men "
                "bookingen fungerte dårlig. Vi tester videre med en justert ordning."
            ),
            "steps": [
                _test(
                    "t-cafe",
                    "cafe",
                    body="Åpen kafé i biblioteket tirsdag, onsdag og fredag i seks uker.",
                    author="anders",
                    categories=[C.CHILDREN, C.EMPLOYEE, C.VOLUNTARY],
                    head_count=38,
                    days_ago=40,
                    place="Lillevik bibliotek",
                    findings=(
                        "I snitt 38 ungdommer per kveld, flest på fredager. Ungdommene drev "
                        "kafeen selv etter to uker. Politiet meldte om færre henvendelser ved "
                        "bussterminalen."
                    ),
                    decision=TestRound.Decision.ADOPT,
                    learning=(
                        "Det viktigste var at det var ungdommenes eget sted. Helsesykepleier "
                        "fikk flere samtaler enn på skolen."
                    ),
                    results={"place": NeedResult.Result.MET, "adult": NeedResult.Result.PARTLY},
                ),
                _test(
                    "t-band",
                    "band",
                    body="Øvingsrom i kulturhuset med booking på papirliste i resepsjonen.",
                    author="anders",
                    categories=[C.CHILDREN],
                    head_count=14,
                    days_ago=25,
                    place="Lillevik kulturhus",
                    findings=(
                        "Fire band brukte rommet jevnlig, men papirlista førte til "
                        "dobbeltbookinger, og resepsjonen stenger kl. 16."
                    ),
                    decision=TestRound.Decision.ADJUST,
                    learning="Bookingen må kunne gjøres på mobil, og rommet trenger kodelås.",
                    results={"music": NeedResult.Result.PARTLY},
                ),
            ],
        },
    ],
    "comments": [
        _comment(
            "c1",
            "ola",
            "cafe",
            "Kan kafeen også være åpen i vinterferien?",
        ),
    ],
}

HOME_CARE = {
    "slug": "hjemmebaserte-tjenester",
    "title": "Hjemmebaserte tjenester",
    "summary": (
        "Flere eldre vil bo hjemme lenger. Brukere, pårørende, frivillige og ansatte planlegger "
        "og prøver ut nye måter å organisere hjemmetjenesten på."
    ),
    "problem_statement": (
        "Antallet innbyggere over 80 år i Lillevik dobles innen 2035. Hjemmetjenesten har "
        "allerede vansker med å rekruttere, og mange brukere opplever at det kommer nye "
        "ansikter hver dag.\n\nBrukerne og de pårørende kjenner hverdagen best. Her leder "
        "de arbeidet selv, og kommunen legger til rette."
    ),
    "already_decided": "Hjemmetjenesten skal fortsatt være kommunal.",
    "open_questions": "Hvordan besøk, teknologi og frivillig innsats settes sammen.",
    "budget": "1,2 mill. kr til utprøving i 2026–2027",
    "constraints": "Helsepersonelloven og taushetsplikten gjelder for alle som deltar i testene.",
    "decision_maker": "Kommunalsjef for helse og omsorg",
    "decision_due": date(2027, 9, 1),
    "level": Level.FACILITATING,
    "target_level": Level.FACILITATING,
    "mandate": (
        "Kommunestyret har gitt brukerne og de pårørende mandat til å utforme og prøve ut "
        "nye måter å organisere besøkene på, innenfor budsjettet."
    ),
    "facilitator": "Tjenesteinnovatør i helse og omsorg",
    "foundations": (
        {"need": 5, "anchoring": 4, "driver": 4, "team": 3, "resources": 3},
        "Behovet er godt beskrevet av brukerne selv. Teamet trenger flere pårørende med.",
    ),
    "status": Process.Status.OPEN,
    "topics": ["Helse og omsorg"],
    "rounds": [
        {
            "focus": Round.Focus.NEED,
            "steps": [
                _need(
                    "faces",
                    "marit",
                    "Eldre som bor alene med hjemmetjeneste",
                    C.ELDERLY,
                    "Mor (87) får besøk av opptil åtte forskjellige ansatte i uka. Hun blir "
                    "utrygg og slipper ikke folk inn.",
                    supporters=["ingrid", "kari", "ola"],
                ),
                _need(
                    "lonely",
                    "ingrid",
                    "Eldre som sitter mye alene",
                    C.ELDERLY,
                    "Besøkene er korte og handler om medisiner. Det er ingen tid til å prate.",
                    supporters=["marit", "sofie"],
                ),
                _need(
                    "relatives",
                    "kari",
                    "Pårørende",
                    C.CITIZEN,
                    "Vi vet ikke når hjemmetjenesten kommer, og får ikke beskjed når noe "
                    "endrer seg.",
                    supporters=["marit", "ahmed"],
                ),
                _need(
                    "staff",
                    "anders",
                    "Ansatte i hjemmetjenesten",
                    C.EMPLOYEE,
                    "For mye tid går til kjøring mellom brukerne, og ruteplanen endres flere "
                    "ganger om dagen.",
                    supporters=["jonas"],
                ),
                _need(
                    "volunteer",
                    "jonas",
                    "Frivilligsentralen",
                    C.VOLUNTARY,
                    "Vi har 40 frivillige som gjerne går turer og handler, men vi vet ikke "
                    "hvem som trenger det.",
                ),
            ],
        },
        {
            "focus": Round.Focus.TEST,
            "learnings": (
                "Brukerne og de pårørende valgte selv to løsninger å prøve ut. Pårørendegruppa "
                "planlegger og gjennomfører testene; kommunen skaffer lokaler og data."
            ),
            "steps": [
                _solution(
                    "teams",
                    "marit",
                    "Faste team på fire personer per bruker",
                    "Hver bruker får et fast team på fire ansatte som deler alle besøk, og et "
                    "bilde av teamet på kjøleskapet.",
                    ["faces", "staff"],
                    steps=[
                        (S.SELECTED, "Pårørendegruppa valgte løsningen for testing i sone nord."),
                    ],
                ),
                _solution(
                    "app",
                    "kari",
                    "Besøksoversikt for pårørende på mobil",
                    "Pårørende får se i en app når besøkene er planlagt og varsel om endringer.",
                    ["relatives"],
                    steps=[
                        (
                            S.SELECTED,
                            "Valgt for testing med ti familier som har sagt ja til å delta.",
                        ),
                        (
                            S.TESTED,
                            "Testet med ti familier i oktober. Pårørendegruppa går gjennom "
                            "svarene før de bestemmer om appen skal justeres eller tas i bruk.",
                        ),
                    ],
                ),
                _solution(
                    "walks",
                    "jonas",
                    "Turvenn fra frivilligsentralen",
                    "Frivillige går faste turer med eldre som ønsker det, formidlet av "
                    "hjemmetjenesten.",
                    ["lonely", "volunteer"],
                ),
                _test(
                    "t-teams",
                    "teams",
                    body="Faste team i sone nord for 22 brukere i åtte uker.",
                    author="marit",
                    categories=[C.ELDERLY, C.CITIZEN, C.EMPLOYEE],
                    head_count=22,
                    days_ago=12,
                    place="Sone nord, hjemme hos brukerne",
                    findings=(
                        "Antall ulike ansatte per bruker gikk fra 8 til 4 i snitt per uke. 19 "
                        "av 22 brukere sa at de følte seg tryggere. Kjøretiden økte litt."
                    ),
                    decision=TestRound.Decision.ADJUST,
                    learning="Teamene må settes sammen geografisk, ellers øker kjøringen.",
                    results={"faces": NeedResult.Result.MET, "staff": NeedResult.Result.NOT_MET},
                ),
            ],
        },
    ],
    "comments": [
        _comment(
            "c1",
            "ahmed",
            "app",
            "Husk at ikke alle pårørende har smarttelefon. SMS må også gå an.",
        ),
    ],
}

WASTE = {
    "slug": "ny-renovasjonsordning",
    "title": "Informasjon om ny renovasjonsordning",
    "summary": (
        "Fra 1. april 2027 sorteres matavfall og plast i egne dunker. Her finner du hva som "
        "endres, når, og hvor du kan spørre."
    ),
    "problem_statement": (
        "Nye nasjonale krav gjør at matavfall og plastemballasje må samles inn hver for seg. "
        "Ordningen er vedtatt; denne siden gir informasjon om innføringen."
    ),
    "already_decided": (
        "Kommunestyret vedtok ny renovasjonsforskrift 24. september 2026. Alle husstander får "
        "ny dunk for matavfall og sekker for plast i mars 2027."
    ),
    "open_questions": "",
    "budget": "Dekkes av renovasjonsgebyret",
    "constraints": "Forurensningsforskriften og avfallsforskriften.",
    "decision_maker": "Kommunestyret (vedtatt)",
    "decision_due": date(2026, 9, 24),
    "level": Level.DIRECTED,
    "target_level": Level.DIRECTED,
    "status": Process.Status.OPEN,
    "topics": ["Miljø og renovasjon"],
    "rounds": [],
}

VIKA = {
    "slug": "sentrumsplan-for-vika",
    "title": "Sentrumsplan for Vika",
    "summary": "Utkast: hvordan skal Vika utvikles de neste tjue årene?",
    "problem_statement": (
        "Vika har tomme butikklokaler og mye trafikk. Før planarbeidet starter vil vi beskrive "
        "hvem som bruker sentrum og hva som mangler."
    ),
    "already_decided": "",
    "open_questions": "Nesten alt; prosessen er under planlegging.",
    "budget": "",
    "constraints": "",
    "decision_maker": "Kommunestyret",
    "decision_due": None,
    "level": Level.ACCOUNTABLE,
    "target_level": Level.EQUAL,
    "status": Process.Status.DRAFT,
    "topics": ["Plan og utvikling"],
    "rounds": [],
}

NORDVIK_CENTRE = {
    "slug": "sentrumsplan-for-nordvik-sentrum",
    "title": "Sentrumsplan for Nordvik sentrum",
    "summary": (
        "Nordvik sentrum skal få ny områdeplan. Innbyggere, næringsliv og lag utvikler "
        "forslagene sammen med kommunen før planen legges ut på høring."
    ),
    "problem_statement": (
        "Handelen har flyttet ut til kjøpesenteret ved E6, og sentrum er tomt etter kl. 17. "
        "Samtidig vil mange bo sentralt. Hva trenger folk for å bruke sentrum igjen?"
    ),
    "already_decided": (
        "Rådhuset og kirken blir liggende. Hovedgata skal fortsatt være åpen for buss."
    ),
    "open_questions": "Bruken av torget, parkering, nye boliger og møteplasser.",
    "budget": "4 mill. kr til planarbeid og tiltak i 2027",
    "constraints": "Kulturmiljøet rundt Gamlebrygga er regulert til bevaring.",
    "decision_maker": "Kommunestyret",
    "decision_due": date(2027, 11, 30),
    "level": Level.EQUAL,
    "target_level": Level.EQUAL,
    "status": Process.Status.OPEN,
    "topics": ["Plan og utvikling"],
    "rounds": [
        {
            "focus": Round.Focus.NEED,
            "steps": [
                _need(
                    "meet",
                    "ola",
                    "Innbyggere i alle aldre",
                    C.CITIZEN,
                    "Et sted å sitte ute i sentrum, med le for vinden og uten å måtte kjøpe noe.",
                    supporters=["kari", "ahmed", "sofie"],
                ),
                _need(
                    "shops",
                    "nina",
                    "Butikkene i Storgata",
                    C.BUSINESS,
                    "Kundene finner ikke parkering nær butikkene og kjører til kjøpesenteret.",
                    supporters=["jonas"],
                    steps=[
                        (
                            N.UNDER_REVIEW,
                            "Registrert fra næringsforeningens møte 3. november. Vi ser på "
                            "korttidsparkering i sidegatene.",
                        ),
                    ],
                ),
                _need(
                    "homes",
                    "kari",
                    "Unge som vil flytte hjem",
                    C.CITIZEN,
                    "Det finnes nesten ingen små leiligheter i sentrum.",
                    supporters=["sofie", "marit"],
                ),
                _need(
                    "walk",
                    "ahmed",
                    "Eldre og folk med barnevogn",
                    C.ELDERLY,
                    "Fortauene er smale og glatte om vinteren, og det mangler benker.",
                    supporters=["ingrid", "ola"],
                ),
                _need(
                    "events",
                    "jonas",
                    "Lag og foreninger",
                    C.VOLUNTARY,
                    "Vi trenger et sted med strøm og tak for marked og konserter.",
                ),
            ],
        },
        {
            "focus": Round.Focus.SOLUTION,
            "learnings": (
                "Folkemøtet på rådhuset samlet 80 personer. Næringslivet og ungdom var lite "
                "representert, så vi inviterer dem særskilt i neste runde."
            ),
            "steps": [
                _solution(
                    "square",
                    "ola",
                    "Overbygd torg med benker og scene",
                    "Et lett tak over deler av torget med benker, strøm og en liten scene.",
                    ["meet", "events"],
                    steps=[
                        (
                            S.SELECTED,
                            "Valgt for testing: vi setter opp et midlertidig telt med benker "
                            "på torget i fire helger til våren.",
                        ),
                    ],
                ),
                _solution(
                    "parking",
                    "nina",
                    "Korttidsparkering i sidegatene",
                    "30 minutters gratis parkering i Kirkegata og Skolegata.",
                    ["shops"],
                ),
            ],
        },
    ],
    "comments": [
        _comment("c1", "sofie", "square", "Et tak over torget hadde vært helt supert om høsten."),
    ],
}

NORDVIK_PLAYGROUND = {
    "slug": "ny-lekeplass-i-nordvik",
    "title": "Ny lekeplass ved Nordvik barnehage",
    "summary": (
        "Avsluttet: barn, foreldre og barnehagen planla og testet den nye lekeplassen sammen. "
        "Lekeplassen åpnet i september 2026."
    ),
    "problem_statement": (
        "Den gamle lekeplassen ved barnehagen var nedslitt, og flere apparater var stengt av "
        "sikkerhetsgrunner."
    ),
    "already_decided": "Lekeplassen skulle ligge på samme tomt.",
    "open_questions": "Hvilke apparater og hvordan området skulle deles mellom store og små barn.",
    "budget": "800 000 kr",
    "constraints": "Apparatene må følge standarden for lekeplassutstyr (NS-EN 1176).",
    "decision_maker": "Enhetsleder for barnehager",
    "decision_due": date(2026, 5, 15),
    "level": Level.ACCOUNTABLE,
    "target_level": Level.ACCOUNTABLE,
    "status": Process.Status.OPEN,
    "conclude": (
        "Lekeplassen er bygget og åpnet 2. september 2026. Takk til alle som ga innspill; "
        "resultatene er oppsummert i testrunden."
    ),
    "topics": ["Skole og oppvekst"],
    "rounds": [
        {
            "focus": Round.Focus.NEED,
            "steps": [
                _need(
                    "small",
                    "kari",
                    "Barn under tre år",
                    C.CHILDREN,
                    "De minste trenger et eget område med sand og lave apparater.",
                    supporters=["sofie", "ingrid"],
                ),
                _need(
                    "climb",
                    "ola",
                    "Barn fra fire år",
                    C.CHILDREN,
                    "Noe å klatre i som er skikkelig utfordrende.",
                    supporters=["ahmed"],
                ),
                _need(
                    "shade",
                    "nina",
                    "Ansatte i barnehagen",
                    C.EMPLOYEE,
                    "Skygge om sommeren: det er ingen trær på tomta.",
                    steps=[
                        (N.UNDER_REVIEW, "Tas med i planen."),
                        (N.MET, "Det er plantet seks trær og satt opp seil over sandkassa."),
                    ],
                ),
                _need(
                    "benches",
                    "sofie",
                    "Foreldre som henter",
                    C.CITIZEN,
                    "Benker ved porten, så vi kan vente mens barna leker ferdig.",
                    supporters=["kari"],
                    steps=[
                        (N.UNDER_REVIEW, "Tas med i planen."),
                        (N.MET, "Det er satt opp to benker ved porten."),
                    ],
                ),
                _need(
                    "wheel",
                    "ahmed",
                    "Barn og foreldre som bruker rullestol",
                    C.CITIZEN,
                    "Et fast dekke fram til apparatene, så rullestolen ikke setter seg fast "
                    "i sanden.",
                    steps=[
                        (N.UNDER_REVIEW, "Tas med i planen."),
                        (
                            N.MET,
                            "Gangveien fram til tårnet og sandkassa har fått fast gummidekke.",
                        ),
                    ],
                ),
            ],
        },
        {
            "focus": Round.Focus.TEST,
            "learnings": "Barna testet to utkast med papp og paller på en temadag.",
            "steps": [
                _solution(
                    "tower",
                    "ola",
                    "Klatretårn med sklie og eget småbarnsområde",
                    "Et klatretårn i robinia-tre og et inngjerdet område for de minste.",
                    ["small", "climb", "shade"],
                    steps=[(S.SELECTED, "Valgt av barna og foreldrene på temadagen.")],
                ),
                _solution(
                    "ship",
                    "kari",
                    "Stort lekeskip midt på plassen",
                    "Et lekeskip som samlingspunkt.",
                    ["climb"],
                    steps=[
                        (
                            S.DISCARDED,
                            "Lekeskipet tok for stor plass på den lille tomta og passet "
                            "dårlig for de minste. Barna foretrakk tårnet.",
                        ),
                    ],
                ),
                _test(
                    "t-tower",
                    "tower",
                    body="Modell av tårnet i paller og papp på temadag i barnehagen.",
                    author="nina",
                    categories=[C.CHILDREN, C.CITIZEN, C.EMPLOYEE],
                    head_count=46,
                    days_ago=200,
                    place="Nordvik barnehage",
                    findings="Barna brukte tårnet mest; foreldrene ønsket skygge over sandkassa.",
                    decision=TestRound.Decision.ADOPT,
                    learning="Å teste i full skala med enkle materialer ga svar på én dag.",
                    results={
                        "small": NeedResult.Result.MET,
                        "climb": NeedResult.Result.MET,
                        "shade": NeedResult.Result.PARTLY,
                    },
                ),
            ],
        },
    ],
    "comments": [],
}

# Claims step 4 but behaves like step 2: the municipality wrote and chose the
# solution itself, and citizens came in only in the last round with needs
# nobody has answered. Its owner sees the warnings (ladder.observed).
ACTIVITY_PARK = {
    "slug": "aktivitetspark-ved-stadion",
    "title": "Aktivitetspark ved Lillevik stadion",
    "summary": (
        "En aktivitetspark med skatebane og treningsapparater ved stadion. "
        "Innbyggerne skal planlegge og drive parken selv."
    ),
    "problem_statement": (
        "Ungdom og voksne mangler et sted for uorganisert aktivitet i sentrum. "
        "Området ved stadion står tomt."
    ),
    "already_decided": "Parken skal ligge ved stadion.",
    "open_questions": "Hvilke apparater, og hvem som drifter parken.",
    "budget": "2 mill. kr fra spillemidler og kommunen",
    "constraints": "",
    "decision_maker": "Kommunestyret",
    "decision_due": date(2027, 3, 1),
    "level": Level.FACILITATING,
    "target_level": Level.FACILITATING,
    "status": Process.Status.OPEN,
    "topics": ["Kultur og fritid"],
    "rounds": [
        {
            "focus": Round.Focus.SOLUTION,
            "steps": [
                _need(
                    "space",
                    "anders",
                    "Ungdom og voksne i sentrum",
                    C.EMPLOYEE,
                    "Et sted for aktivitet som ikke krever medlemskap i et lag.",
                ),
                _solution(
                    "park",
                    "anders",
                    "Ferdig tegnet aktivitetspark",
                    "Skatebane, fem treningsapparater og lys, etter tegningene fra konsulenten.",
                    needs=["space"],
                    steps=[(S.SELECTED, "Tegningene er bestilt og godkjent av kommunen.")],
                ),
            ],
        },
        {
            "focus": Round.Focus.TEST,
            "learnings": "Tegningene er klare. Nå vil vi høre hva innbyggerne mener.",
            "steps": [
                _need(
                    "ramps",
                    "jonas",
                    "Unge som skater",
                    C.CHILDREN,
                    "Skatebanen må ha ramper for nybegynnere, ikke bare for de flinke.",
                    supporters=["sofie"],
                ),
                _need(
                    "benches",
                    "marit",
                    "Eldre som går tur",
                    C.ELDERLY,
                    "Benker og et sted å sette seg i skyggen.",
                ),
                _need(
                    "light",
                    "ahmed",
                    "Foreldre",
                    C.CITIZEN,
                    "Lys om kvelden, så parken føles trygg i mørketida.",
                    supporters=["kari"],
                ),
                _need(
                    "toilet",
                    "kari",
                    "Alle som bruker parken",
                    C.CITIZEN,
                    "Et toalett i nærheten, ellers blir ikke folk lenge.",
                ),
                _need(
                    "drift",
                    "ola",
                    "Idrettslaget",
                    C.VOLUNTARY,
                    "Hvem skal måke og rydde? Laget har ikke folk til å drifte parken alene.",
                ),
            ],
        },
    ],
}

# Carried by two people: Ola and Kari give ten of its twelve inputs, so its
# owners see the ildsjel warning.
RIVER_PATH = {
    "slug": "turvei-langs-elva",
    "title": "Turvei langs elva",
    "summary": "En sammenhengende turvei langs Lilleelva, fra sentrum til Vika.",
    "problem_statement": (
        "Stien langs elva er brutt flere steder, og den er gjørmete store deler av året."
    ),
    "already_decided": "Turveien skal gå på kommunens grunn der det er mulig.",
    "open_questions": "Hvor den skal gå forbi gårdene, og hvor det skal være benker.",
    "budget": "400 000 kr fra friluftsmidlene",
    "constraints": "Vassdragsreglene: 20 meter fra elvebredden.",
    "decision_maker": "Teknisk utvalg",
    "decision_due": date(2027, 5, 1),
    "level": Level.ACCOUNTABLE,
    "target_level": Level.EQUAL,
    "status": Process.Status.OPEN,
    "topics": ["Kultur og fritid"],
    "areas": ["Lillevik sentrum", "Vika", "Skogbygda"],
    "rounds": [
        {
            "focus": Round.Focus.NEED,
            "steps": [
                _need(f"river-{n}", author, who, category, body)
                for n, (author, who, category, body) in enumerate(
                    [
                        ("ola", "Turgåere", C.VOLUNTARY, "Grus på stien forbi sagbruket."),
                        ("ola", "Turgåere", C.VOLUNTARY, "En bro over bekken ved Vika."),
                        ("ola", "Idrettslaget", C.VOLUNTARY, "Lys på strekningen mot stadion."),
                        ("ola", "Turgåere", C.VOLUNTARY, "Skilt som viser avstandene."),
                        ("ola", "Hundeeiere", C.VOLUNTARY, "Søppelbøtter ved parkeringen."),
                        ("kari", "Barnefamilier", C.CITIZEN, "Gjerde der stien går tett på elva."),
                        ("kari", "Barnefamilier", C.CITIZEN, "En gapahuk til rasting."),
                        ("kari", "Barnefamilier", C.CITIZEN, "Plass til barnevogn hele veien."),
                        ("kari", "Turgåere", C.CITIZEN, "Benker med utsikt over fossen."),
                        ("kari", "Turgåere", C.CITIZEN, "Parkering i Vika-enden."),
                        ("ahmed", "Foreldre", C.CITIZEN, "Sykkel og gående bør ha plass begge."),
                        ("marit", "Eldre som går tur", C.ELDERLY, "Ikke for bratte bakker."),
                    ]
                )
            ],
        },
    ],
}

PROCESSES = {
    "lillevik": ("anders", [SCHOOL, YOUTH, HOME_CARE, WASTE, VIKA, ACTIVITY_PARK, RIVER_PATH]),
    "nordvik": ("nina", [NORDVIK_CENTRE, NORDVIK_PLAYGROUND]),
}


def seed_extra_accounts(municipalities: dict[str, Municipality]) -> dict[str, User]:
    users = {}
    for email, name, municipality_slug, role in EXTRA_ACCOUNTS:
        user = User.objects.filter(email=email).first() or User(email=email)
        user.full_name = name
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role:
            membership_grant(user=user, municipality=municipalities[municipality_slug], role=role)
        users[email] = user
    return users


class _Builder:
    """Runs one process's data through the services, as staff and citizens would."""

    def __init__(self, process: Process, people: dict[str, User], owner: User):
        self.process = process
        self.people = people
        self.owner = owner
        self.objects: dict[str, Contribution] = {}

    def person(self, short: str) -> User:
        return self.people[short]

    def run(self, step: tuple[str, dict]) -> None:
        kind, data = step
        getattr(self, f"add_{kind}")(**data)

    def add_need(self, *, key, author, who, category, body, supporters, steps):
        need = need_log(
            process=self.process,
            author=self.person(author),
            body=body,
            who_has_need=who,
            stakeholder_category=category,
        )
        for short in supporters:
            need_support(need=need, user=self.person(short))
        self.objects[key] = need
        for status, text in steps:
            self.add_status(key=key, status=status, text=text)

    def add_solution(self, *, key, author, title, body, needs, steps):
        solution = solution_propose(
            process=self.process,
            author=self.person(author),
            title=title,
            body=body,
            needs=[self.objects[k] for k in needs],
        )
        self.objects[key] = solution
        for status, text in steps:
            self.add_status(key=key, status=status, text=text)

    def add_status(self, *, key, status, text):
        contribution = self.objects[key]
        if isinstance(contribution, Solution):
            solution_set_status(
                solution=contribution,
                status=status,
                by=self.owner,
                text=text,
                version=contribution.version,
            )
        else:
            need_set_status(need=contribution, status=status, text=text, by=self.owner)

    def add_test(self, *, key, solution, author, categories, days_ago, results, **fields):
        tested = self.objects[solution]
        person = self.person(author)
        appointed = CoCreator.objects.filter(process=self.process, person=person).exists()
        if not appointed and not rules.owns(person, self.process):
            # Citizens record test rounds as co-creators the owners appointed.
            co_creator_appoint(process=self.process, by=self.owner, email=person.email)
            rules.forget(person)  # this object's rights were read before the appointment
        self.objects[key] = test_round_record(
            solution=tested,
            by=person,
            participant_categories=[str(c) for c in categories],
            held_on=timezone.localdate() - timedelta(days=days_ago),
            need_results={self.objects[k]: result for k, result in results.items()},
            **fields,
        )

    def add_comment(self, *, key, author, target, body, parent):
        self.objects[key] = comment_add(
            target=self.objects[target],
            author=self.person(author),
            body=body,
            parent=self.objects[parent] if parent else None,
        )


def _topics(municipality: Municipality, names: list[str]) -> list[Topic]:
    return [
        Topic.objects.get_or_create(
            municipality=municipality, name=name, defaults={"slug": slugify_norwegian(name)}
        )[0]
        for name in names
    ]


def _seed_process(municipality: Municipality, owner: User, people: dict[str, User], spec: dict):
    fields = {
        name: spec[name]
        for name in (
            "title",
            "slug",
            "summary",
            "problem_statement",
            "already_decided",
            "open_questions",
            "budget",
            "constraints",
            "decision_maker",
            "decision_due",
            "level",
            "target_level",
        )
    }
    fields |= {name: spec.get(name, "") for name in ("mandate", "facilitator")}
    process = process_create(
        municipality=municipality,
        by=owner,
        topics=_topics(municipality, spec["topics"]),
        **fields,
    )
    if spec.get("areas"):
        process.areas.set(Area.objects.filter(municipality=municipality, name__in=spec["areas"]))
    if spec["status"] == Process.Status.DRAFT:
        return process
    process_set_status(
        process=process,
        status=Process.Status.OPEN,
        by=owner,
        text="Prosessen er åpnet for innspill.",
    )
    # The demo citizen follows the default municipality's processes, so their
    # inbox shows what followers hear (rounds, test results, the end).
    follower = people.get(DEMO_FOLLOWER)
    if follower is not None and municipality.is_default:
        process_follow(process=process, user=follower)
    builder = _Builder(process, people, owner)
    for number, round_spec in enumerate(spec["rounds"], start=1):
        if number > 1:
            round_start(
                process=process,
                by=owner,
                focus=round_spec["focus"],
                learnings=round_spec["learnings"],
            )
        for step in round_spec["steps"]:
            builder.run(step)
    for step in spec.get("comments", []):
        builder.run(step)
    if spec.get("arenas"):
        _seed_arenas(process, owner, people)
    if spec.get("foundations"):
        scores, note = spec["foundations"]
        foundations_score(process=process, by=owner, scores=scores, note=note)
    if spec.get("conclude"):
        process_set_status(
            process=process, status=Process.Status.CONCLUDED, by=owner, text=spec["conclude"]
        )
    process.refresh_from_db()
    return process


def _seed_arenas(process: Process, owner: User, people: dict[str, User]) -> None:
    """Two arenas: a workshop held last week, with attendance and the post-its
    from it, and a folkemøte next week with its seats taken and a waiting list."""
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    held = today.replace(hour=17) - timedelta(days=7)
    workshop = arena_create(
        process=process,
        by=owner,
        kind=Arena.Kind.WORKSHOP,
        title="Verksted på biblioteket: hva er en god møteplass?",
        starts_at=held,
        ends_at=held + timedelta(hours=2),
        place="Lillevik bibliotek, Storgata 4",
        accessibility="Trinnfri adkomst, teleslynge i salen. Pizza og brus.",
        capacity=30,
        description="Ungdom og foreldre skrev lapper om hva en møteplass bør ha.",
    )
    # Signed up before it was held (the service takes no sign-ups afterwards).
    for short in ("sofie", "jonas"):
        ArenaSignup.objects.create(
            arena=workshop, person=people[short], status=ArenaSignup.Status.CONFIRMED
        )
    arena_attendance_record(
        arena=workshop,
        by=owner,
        counts={C.CHILDREN: 14, C.CITIZEN: 6, C.VOLUNTARY: 2},
        attended=set(workshop.signups.values_list("pk", flat=True)),
    )
    for category, body in (
        (C.CHILDREN, "Et sted der vi kan være uten å måtte kjøpe noe."),
        (C.CHILDREN, "Åpent på fredagskvelder, ikke bare til klokka åtte."),
        (C.CITIZEN, "En voksen til stede som ungdommene kjenner, ikke vektere."),
    ):
        arena_input_add(arena=workshop, by=owner, body=body, stakeholder_category=category)
    coming = today.replace(hour=18) + timedelta(days=7)
    meeting = arena_create(
        process=process,
        by=owner,
        kind=Arena.Kind.PUBLIC_MEETING,
        title="Folkemøte om møteplassen",
        starts_at=coming,
        ends_at=coming + timedelta(hours=2),
        place="Lillevik rådhus, kommunestyresalen",
        accessibility="Heis og teleslynge. Tegnspråktolk om du melder behov.",
        capacity=3,
        description="Vi viser hva verkstedet kom fram til, og spør om det treffer.",
    )
    # Three seats, five people: two on the waiting list.
    for short in ("ola", "kari", "ahmed", "marit", "ingrid"):
        arena_sign_up(arena=meeting, person=people[short])


@transaction.atomic
def seed_processes(
    municipalities: dict[str, Municipality], users: dict[str, User]
) -> list[Process]:
    """Create the demo processes that do not exist yet; return all of them."""
    all_users = {**users, **seed_extra_accounts(municipalities)}
    people = {short: all_users[email] for short, email in PEOPLE.items() if email in all_users}
    seed_profiles(municipalities["lillevik"], people)
    processes = []
    for municipality_slug, (owner_short, specs) in PROCESSES.items():
        municipality = municipalities[municipality_slug]
        owner = people[owner_short]
        for spec in specs:
            process = Process.objects.filter(municipality=municipality, slug=spec["slug"]).first()
            if process is None:
                process = _seed_process(municipality, owner, people, spec)
            processes.append(process)
    _seed_retired_topic(municipalities["lillevik"])
    seed_stakeholders(municipalities["lillevik"], people, people["anders"])
    return processes


# A topic the municipality no longer offers, still on the process that had it.
RETIRED_TOPIC = ("Samferdsel", "ny-renovasjonsordning")


def _seed_retired_topic(municipality: Municipality) -> None:
    name, process_slug = RETIRED_TOPIC
    topic, _ = Topic.objects.get_or_create(
        municipality=municipality,
        slug=slugify_norwegian(name),
        defaults={"name": name, "retired_at": timezone.now()},
    )
    process = Process.objects.filter(municipality=municipality, slug=process_slug).first()
    if process is not None:
        process.topics.add(topic)
