"""The pages of the bundled pack's site, with README's team day as its session file."""

#: Every page of the site, by its path: each has its JSON-LD.
PAGES = [
    "case-studies.html",
    "exercises/exercise-10.html",
    "exercises/exercise-8.html",
    "exercises/exercise-9.html",
    "index.html",
    "modules/section-3-module-1.html",
    "modules/section-3-module-2.html",
    "modules/section-3-module-3.html",
    "reading.html",
    "search.html",
    "sessions/index.html",
    "sessions/team-day.html",
    "tips/index.html",
    "tips/managing-your-service.html",
    "tips/recruitment.html",
    "tips/training.html",
    "tips/trauma-informed-practice.html",
    "tips/ways-of-working.html",
]
#: The handouts themselves, in the site to print: the pack's, and the team day's.
HANDOUTS = [
    "print/exercises.html",
    "print/tip-cards.html",
    "sessions/team-day-exercises.html",
    "sessions/team-day-guide.html",
]
