"""Danish building blocks for generated posts: plausible sentences about innovation work."""
import random

SUBJECTS = [
    "Vi", "Vores team", "Hjemmeplejen", "Borgerservice", "Jobcentret", "Forvaltningen", "Projektgruppen",
    "Styregruppen", "Medarbejderne", "Borgerne", "Lederne", "Kommunerne", "Regionen", "Styrelsen",
    "Udvalget", "Sagsbehandlerne", "Innovationsenheden", "Sygeplejerskerne", "Pædagogerne", "Konsulenterne",
]
VERBS = [
    "har afprøvet", "har tilpasset", "har implementeret", "overvejer at genbruge", "har delt",
    "har målt effekten af", "har fjernet barrierer for", "har høstet gevinster af", "har testet",
    "har forankret", "har skaleret", "har evalueret", "har beskrevet", "har spredt",
]
OBJECTS = [
    "velfærdsteknologien", "den digitale løsning", "samarbejdsmodellen", "borgerinddragelsen",
    "innovationen", "arbejdsgangen", "prototypen", "metoden", "skærmbesøgene", "spiserobotten",
    "den tværfaglige indsats", "rehabiliteringsforløbet", "den nye visitation", "ideen fra Aarhus",
    "løsningen fra Vejle", "modellen fra regionen", "værktøjet til gevinstrealisering", "tjeklisten",
]
ENDINGS = [
    "i hjemmeplejen", "på tværs af forvaltninger", "sammen med borgerne", "i tre kommuner",
    "på botilbuddene", "i jobcentret", "på sygehusene", "i dagtilbuddene", "uden ekstra ressourcer",
    "med hjælp fra netværket", "efter et halvt års test", "med gode erfaringer", "med blandede resultater",
    "i den daglige drift", "i samarbejde med leverandøren", "før sommerferien",
]
EXTRAS = [
    "Det krævede mere oversættelse end forventet.", "Kontakterne bag løsningen var guld værd.",
    "Ledelsesopbakningen var afgørende.", "Vi manglede data om målgruppen i starten.",
    "Medarbejderne var skeptiske, men blev overbevist.", "Gevinsterne kom først efter et år.",
    "Vi brugte Spredningsguiden som fælles sprog.", "Hvem har erfaringer med det samme?",
    "Jeg deler gerne vores materialer.", "Ring endelig, hvis I vil høre mere.",
    "Innovationerne spredes lettest gennem personlige relationer.", "Kommunerne har forskellige behov.",
]
TITLE_PATTERNS = [
    "Erfaringer med {obj} {end}", "Hvordan fik I {obj} til at virke {end}?", "Sparring om {obj}",
    "Genbrug af {obj} {end}", "Barrierer for {obj}", "Høst: {obj} {end}", "Test af {obj} {end}",
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}."


def paragraph(rng: random.Random, words: int = 80) -> str:
    parts, count = [], 0
    while count < words:
        part = rng.choice(EXTRAS) if rng.random() < 0.3 else sentence(rng)
        parts.append(part)
        count += len(part.split())
    return " ".join(parts)


def title(rng: random.Random) -> str:
    text = rng.choice(TITLE_PATTERNS).format(obj=rng.choice(OBJECTS), end=rng.choice(ENDINGS))
    return text[0].upper() + text[1:]
