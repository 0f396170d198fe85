#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic registry in Convene's format (docs/registry-format.md).

    generate-registry.py N OUT [--leads L] [--links K] [--meetings M]
                               [--avatar-base URL] [--seed S]

N groups, each led by L people of its own (5; so there are L x N people),
with Unicode names (Polish, Nordic, German, CJK, Greek, Cyrillic...), K
links of different kinds (6) and M weekly meetings (1) with a complete
schedule, so that Convene computes their next occurrence. Every avatar URL points at
--avatar-base (default http://127.0.0.1:9/, where nothing listens: the
launch benchmark must not wait for the network). The output depends only
on the arguments: the same seed gives the same file.

The file passes `convene --validate OUT` without a warning.
"""

import argparse
import json
import random
import sys

FIRST_NAMES = [
    ("Łukasz", "lukasz"), ("Zoë", "zoe"), ("Małgorzata", "malgorzata"),
    ("Søren", "soren"), ("Jürgen", "jurgen"), ("François", "francois"),
    ("Ingrid", "ingrid"), ("José", "jose"), ("Ólafur", "olafur"),
    ("Çağla", "cagla"), ("Nguyễn", "nguyen"), ("Ана", "ana"),
    ("Δημήτρης", "dimitris"), ("Priya", "priya"), ("Ahmed", "ahmed"),
    ("Chloé", "chloe"), ("Dvořák", "dvorak"), ("Siobhán", "siobhan"),
    ("Björn", "bjorn"), ("Ngozi", "ngozi"), ("Mateus", "mateus"),
    ("Åsa", "asa"), ("Grzegorz", "grzegorz"), ("Mirjam", "mirjam"),
]

LAST_NAMES = [
    ("Płotka", "plotka"), ("Ångström", "angstrom"), ("Müller", "muller"),
    ("Kowalczyk", "kowalczyk"), ("Østergård", "ostergard"), ("Šimůnek", "simunek"),
    ("García Núñez", "garcia-nunez"), ("Lefèvre", "lefevre"), ("Þórsdóttir", "thorsdottir"),
    ("Yılmaz", "yilmaz"), ("Ivanović", "ivanovic"), ("Παπαδόπουλος", "papadopoulos"),
    ("Okonkwo", "okonkwo"), ("Schröder", "schroder"), ("O'Brien", "obrien"),
    ("Nakamura", "nakamura"), ("Ferreira", "ferreira"), ("Wójcik", "wojcik"),
]

# Whole names written without a space between given and family name.
CJK_NAMES = [
    ("王小明", "wang-xiaoming"), ("李娜", "li-na"), ("張偉", "zhang-wei"),
    ("山田太郎", "yamada-taro"), ("佐藤花子", "sato-hanako"), ("鈴木一郎", "suzuki-ichiro"),
    ("김민준", "kim-minjun"), ("이서연", "lee-seoyeon"), ("陳美玲", "chen-meiling"),
]

COMPANIES = ["Acmé", "Nordlys AS", "Żubr Systems", "株式会社サンプル", "Brücke GmbH",
             "Öko Cloud", "Independent", "Ñandú Labs", "Fjörd", None]

WORDS = ["Networking", "Security", "Policies", "Telemetry", "Environments", "Extensibility",
         "Übersetzung", "Façade", "Łączność", "Ærø", "配置", "可観測性", "Docs", "Testing",
         "Release", "Storage", "Scheduling", "Ingress", "Mesh", "Identity"]

# (kind, label, url template); every group gets six of these, all kinds different.
LINK_KINDS = [
    ("forum", "{slug}@", "https://groups.google.com/forum/#!forum/{slug}"),
    ("meeting", "Video call", "https://meet.example.org/{slug}"),
    ("calendar", "Calendar invitation", "https://calendar.example.org/event/{slug}"),
    ("notes", "Notes", "https://docs.example.org/document/d/{slug}/edit"),
    ("folder", "Folder", "https://drive.example.org/folders/{slug}"),
    ("recordings", "Recordings", "https://video.example.org/playlist/{slug}"),
    ("wiki", "Wiki", "https://wiki.example.org/{slug}"),
    ("slack", "#{slug}", "https://chat.example.org/channels/{slug}"),
]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
TIMEZONES = [("America/Los_Angeles", "PT"), ("Europe/Berlin", "CET"), ("UTC", "UTC"),
             ("Asia/Tokyo", "JST"), ("Europe/Warsaw", "CET"), ("America/Sao_Paulo", "BRT")]


def make_person(rng, index, avatar_base):
    if rng.random() < 0.2:
        name, login = rng.choice(CJK_NAMES)
    else:
        first, first_ascii = rng.choice(FIRST_NAMES)
        last, last_ascii = rng.choice(LAST_NAMES)
        name, login = f"{first} {last}", f"{first_ascii}-{last_ascii}"
    login = f"{login}-{index}"
    person = {
        "id": login,
        "name": name,
        "github": login,
        "profile_url": f"https://github.com/{login}",
        "avatar_url": f"{avatar_base}avatars/{login}.png?s=96",
    }
    company = rng.choice(COMPANIES)
    if company is not None:
        person["company"] = company
    return person


def make_meeting(rng, gid):
    weekday = rng.choice(WEEKDAYS)
    hour = rng.randrange(7, 19)
    minute = rng.choice([0, 30])
    timezone, abbrev = rng.choice(TIMEZONES)
    return {
        "text": f"{weekday.capitalize()}s at {hour:02d}:{minute:02d} {abbrev} – weekly",
        "url": f"https://meet.example.org/{gid}",
        "weekday": weekday,
        "start": f"{hour:02d}:{minute:02d}",
        "end": f"{hour + 1:02d}:{minute:02d}",
        "timezone": timezone,
        "interval_weeks": 1,
    }


def make_group(rng, index, width, leads, n_links, n_meetings):
    gid = f"group-{index:0{width}d}"
    words = rng.sample(WORDS, 2)
    name = f"{words[0]} & {words[1]} {index}"
    kinds = rng.sample(LINK_KINDS, n_links)
    artifacts = [{"kind": kind, "label": label.format(slug=gid), "url": url.format(slug=gid)}
                 for kind, label, url in kinds]
    meetings = [make_meeting(rng, gid) for _ in range(n_meetings)]

    roles = ["chair", "chair", "tech_lead"] + ["lead"] * max(0, len(leads) - 3)
    return {
        "id": gid,
        "name": name,
        "topics": rng.sample(WORDS, 3),
        "description": (f"{name} designs, builds and documents one part of the project — "
                        f"„{words[0]}“ and «{words[1]}» — and reviews the changes to it."),
        "artifacts": artifacts,
        "meetings": meetings,
        "leads": [{"person": p, "role": r} for p, r in zip(leads, roles)],
    }


def generate(n_groups, n_leads, n_links, n_meetings, avatar_base, seed):
    rng = random.Random(seed)
    width = max(4, len(str(max(n_groups - 1, 0))))
    people = [make_person(rng, i, avatar_base) for i in range(n_groups * n_leads)]
    # Each group draws its leads from the people nobody leads yet, so that
    # every person leads exactly one group but not in list order.
    order = list(range(len(people)))
    rng.shuffle(order)
    groups = []
    for g in range(n_groups):
        leads = [people[i]["id"] for i in order[g * n_leads:(g + 1) * n_leads]]
        groups.append(make_group(rng, g, width, leads, n_links, n_meetings))

    return {
        "format_version": 1,
        "community": {
            "name": f"Benchmark Community ({n_groups} groups)",
            "url": "https://example.org/community",
            "intro": [[{"text": "A synthetic registry for Convene's benchmarks. "},
                       {"text": "Read more", "url": "https://example.org/community/README"},
                       {"text": "."}]],
        },
        "people": people,
        "groups": groups,
        "source": {"kind": "json", "location": "benchmarks/generate-registry.py",
                   "date": "2026-12-01"},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_groups", type=int, metavar="N")
    parser.add_argument("out", metavar="OUT", help="the file to write, - for standard output")
    parser.add_argument("--leads", type=int, default=5, help="leads per group (default 5)")
    parser.add_argument("--links", type=int, default=6,
                        help=f"links per group, all of different kinds "
                             f"(default 6, at most {len(LINK_KINDS)})")
    parser.add_argument("--meetings", type=int, default=1,
                        help="weekly meetings per group (default 1)")
    parser.add_argument("--avatar-base", default="http://127.0.0.1:9/",
                        help="where the avatars are, ending in / (default http://127.0.0.1:9/)")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()

    if min(args.n_groups, args.leads, args.links, args.meetings) < 0:
        parser.error("the counts must not be negative")
    if args.links > len(LINK_KINDS):
        parser.error(f"--links must be at most {len(LINK_KINDS)}")
    base = args.avatar_base if args.avatar_base.endswith("/") else args.avatar_base + "/"

    registry = generate(args.n_groups, args.leads, args.links, args.meetings, base,
                        args.seed)
    text = json.dumps(registry, ensure_ascii=False, indent=2) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
