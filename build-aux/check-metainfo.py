#!/usr/bin/env python3
"""The metainfo and desktop file as Flathub's reviewers check them.

  check-metainfo.py METAINFO DESKTOP                check the built files
  check-metainfo.py --self-test METAINFO DESKTOP    also break each rule once
      and fail unless every broken copy is rejected

`appstreamcli validate --pedantic` must be clean but for the component id's
upper case (io.github.convene.Convene is the app id) and, with AppStream
older than 1.0 (Debian 12 has 0.16), the <developer> tag it does not know
yet. Then the rules appstreamcli does not enforce: a <developer id> with a
<name>, a summary of at most 35 characters, homepage, bugtracker and
vcs-browser URLs, releases with dates and notes, screenshots from a tag
(not a branch), light and dark brand colours, OARS, the launchable, the
display length. The desktop file: no generic GNOME;GTK; categories, one main
category, Exec with %U, not D-Bus activatable without a service, Keywords.
"""
import configparser
import copy
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MAIN_CATEGORIES = {'AudioVideo', 'Audio', 'Video', 'Development', 'Education', 'Game',
                   'Graphics', 'Network', 'Office', 'Science', 'Settings', 'System',
                   'Utility'}
ALLOWED = {'cid-contains-uppercase-letter'}
BRANCH = re.compile(r'/(main|master|HEAD|devel|trunk)/')


def appstream_version():
    out = subprocess.run(['appstreamcli', '--version'], capture_output=True, text=True).stdout
    m = re.search(r'(\d+)\.(\d+)', out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def appstreamcli_problems(path):
    allowed = set(ALLOWED)
    if appstream_version() < (1, 0):
        allowed.add('unknown-tag developer')
    run = subprocess.run(['appstreamcli', 'validate', '--pedantic', '--no-net', path],
                         capture_output=True, text=True)
    problems = []
    for line in run.stdout.splitlines():
        m = re.match(r'^([EWIP]): [^:]*:(?:\d+:)? (\S+)(?: (.*))?$', line)
        if not m:
            continue
        tag, arg = m.group(2), (m.group(3) or '')
        if tag in allowed or f'{tag} {arg}' in allowed:
            continue
        problems.append(f'appstreamcli: {line}')
    if run.returncode != 0 and not problems:
        problems.append(f'appstreamcli validate failed: {run.stdout.strip()}')
    return problems


def metainfo_problems(root):
    problems = []
    dev = root.find('developer')
    if dev is None or not dev.get('id') or dev.find('name') is None or not dev.findtext('name'):
        problems.append('no <developer id="..."><name>...</name></developer>')
    summary = root.findtext('summary') or ''
    if not summary or len(summary) > 35:
        problems.append(f'summary {summary!r} is not 1 to 35 characters')
    urls = {u.get('type'): u.text for u in root.findall('url')}
    for kind in ('homepage', 'bugtracker', 'vcs-browser'):
        if not urls.get(kind, '').startswith('https://'):
            problems.append(f'no {kind} URL')
    releases = root.findall('releases/release')
    if not releases:
        problems.append('no releases')
    for release in releases:
        if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', release.get('date', '')):
            problems.append(f'release {release.get("version")} without a date')
        if release.find('description') is None or not ''.join(release.find('description').itertext()).strip():
            problems.append(f'release {release.get("version")} without notes')
    shots = root.findall('screenshots/screenshot/image')
    if not shots:
        problems.append('no screenshots')
    for image in shots:
        if BRANCH.search(image.text or ''):
            problems.append(f'screenshot {image.text} is on a branch, not a tag')
    colors = {c.get('scheme_preference') for c in root.findall('branding/color')
              if c.get('type') == 'primary'}
    if colors != {'light', 'dark'}:
        problems.append('no primary brand colour for both light and dark')
    rating = root.find('content_rating')
    if rating is None or rating.get('type') != 'oars-1.1':
        problems.append('no OARS 1.1 content rating')
    launchable = root.find('launchable')
    if launchable is None or launchable.get('type') != 'desktop-id':
        problems.append('no desktop-id launchable')
    if root.find('requires/display_length') is None:
        problems.append('no display_length requirement')
    return problems


def desktop_problems(entry):
    problems = []
    categories = [c for c in entry.get('Categories', '').split(';') if c]
    if {'GNOME', 'GTK'} & set(categories):
        problems.append(f'Categories {categories} has the generic GNOME/GTK')
    main = [c for c in categories if c in MAIN_CATEGORIES]
    if len(main) != 1:
        problems.append(f'Categories {categories} has {len(main)} main categories, not one')
    if entry.get('Exec') != 'convene %U':
        problems.append(f'Exec is {entry.get("Exec")!r}, not "convene %U"')
    # The search provider makes the app D-Bus activatable: the desktop file
    # says so exactly when the D-Bus service file is there to install.
    service = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data',
                           'io.github.convene.Convene.service.in')
    activatable = entry.get('DBusActivatable', 'false') == 'true'
    if activatable and not os.path.exists(service):
        problems.append('DBusActivatable without a D-Bus service (the search provider)')
    if os.path.exists(service) and not activatable:
        problems.append('a D-Bus service is installed, but DBusActivatable is not true')
    if not entry.get('Keywords'):
        problems.append('no Keywords')
    return problems


def read_desktop(path):
    parser = configparser.RawConfigParser(delimiters=('=',), interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding='utf-8')
    return dict(parser['Desktop Entry'])


def check(metainfo, desktop):
    root = ET.parse(metainfo).getroot()
    return appstreamcli_problems(metainfo) + metainfo_problems(root) + \
        desktop_problems(read_desktop(desktop))


def breakages(root, entry):
    def meta(what, change):
        r = copy.deepcopy(root)
        change(r)
        return what, metainfo_problems(r)

    def desk(what, change):
        e = dict(entry)
        change(e)
        return what, desktop_problems(e)

    def drop(path):
        def change(r):
            for parent in r.iter():
                for child in list(parent):
                    if child in r.findall(path):
                        parent.remove(child)
        return change

    yield meta('no developer', drop('developer'))
    yield meta('long summary', lambda r: setattr(r.find('summary'), 'text', 'x' * 36))
    yield meta('no vcs-browser', lambda r: [r.remove(u) for u in r.findall('url')
                                            if u.get('type') == 'vcs-browser'])
    yield meta('undated release', lambda r: r.find('releases/release').attrib.pop('date'))
    yield meta('branch screenshot', lambda r: setattr(
        r.find('screenshots/screenshot/image'), 'text',
        'https://raw.githubusercontent.com/convene/convene/main/x.png'))
    yield meta('one brand colour', lambda r: r.find('branding').remove(
        r.find('branding/color')))
    yield meta('no OARS', drop('content_rating'))
    yield meta('no launchable', drop('launchable'))
    yield meta('no display length', drop('requires'))
    yield desk('generic categories', lambda e: e.update(Categories='GNOME;GTK;Office;'))
    yield desk('two main categories', lambda e: e.update(Categories='Network;Office;'))
    yield desk('Exec without %U', lambda e: e.update(Exec='convene'))
    yield desk('not D-Bus activatable', lambda e: e.update(DBusActivatable='false'))
    yield desk('no Keywords', lambda e: e.pop('Keywords'))


def main(argv):
    self_test = argv[:1] == ['--self-test']
    if self_test:
        argv = argv[1:]
    metainfo, desktop = argv
    problems = check(metainfo, desktop)
    for p in problems:
        print(p, file=sys.stderr)
    if problems or not self_test:
        return 1 if problems else 0
    missed = 0
    for what, found in breakages(ET.parse(metainfo).getroot(), read_desktop(desktop)):
        print(f'{what}: {found[0] if found else "NOT DETECTED"}')
        missed += not found
    # appstreamcli itself must still complain about something new.
    with tempfile.TemporaryDirectory() as tmp:
        broken = os.path.join(tmp, os.path.basename(metainfo))
        text = open(metainfo, encoding='utf-8').read()
        open(broken, 'w', encoding='utf-8').write(
            text.replace('<metadata_license>CC0-1.0</metadata_license>',
                         '<metadata_license>GPL-3.0-or-later</metadata_license>'))
        found = appstreamcli_problems(broken)
        print(f'non-free metadata licence: {found[0] if found else "NOT DETECTED"}')
        missed += not found
    return 1 if missed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
