"""The six phases of COI's Spredningsguide as first seeded (SPEC §3)."""

PHASES = [
    ("tjek", "Tjek", "Check",
     "Beskriv innovationen og fortæl dens historie, se den fra alle sider, tjek relevans og timing, og afstem forventninger.",
     "Describe the innovation and tell its story, see it from all sides, check relevance and timing, align expectations."),
    ("test", "Test", "Test",
     "Del viden om målgruppen, lær af afprøvninger, og beslut om løsningen skal bruges som den er eller tilpasses.",
     "Share knowledge of the target group, learn from trials, decide whether to adopt as is or adapt."),
    ("tilpas", "Tilpas", "Adapt",
     "Tilpas løsningen til den nye sammenhæng, og genbrug kontakterne bag den.",
     "Adapt the solution to the new context, reuse the contacts behind it."),
    ("fjern", "Fjern barrierer", "Remove",
     "Fjern de barrierer, der står i vejen.",
     "Remove the obstacles in the way."),
    ("implementer", "Implementér", "Implement",
     "Implementér løsningen i den daglige drift.",
     "Implement the solution in daily work."),
    ("hoest", "Høst", "Harvest",
     "Gør det nye synligt, og del gevinsterne.",
     "Make the new visible and share the gains."),
]
