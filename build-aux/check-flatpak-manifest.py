#!/usr/bin/env python3
"""Offline checks of the Flatpak manifest, as Flathub's reviewers read it.

  check-flatpak-manifest.py MANIFEST APP_ID            check the manifest
  check-flatpak-manifest.py --self-test MANIFEST APP_ID
      check it, then break it in each of the ways below one at a time and
      fail unless every broken copy is rejected (so no rule is dead code).

The rules: the id and `command: convene`; org.gnome.Platform/Sdk with a
runtime-version string of 47 or newer (libadwaita 1.2 is the floor; the
manifest picks the newest stable); finish-args exactly the five the app
needs, each with its reason in x-finish-args-reasons; a module for each
library the GNOME runtime lacks (libical, cmark-gfm, xxhash), every source
pinned (archive or file with url and sha256, git with tag and commit) and
watched (x-checker-data); cleanup of headers, pkg-config and CMake files,
man pages and the cmark-gfm binary; the app last, built with meson from
this tree with run-tests, skipping build and check directories.
"""
import copy
import json
import sys

FINISH_ARGS = ['--share=network', '--share=ipc', '--socket=wayland',
               '--socket=fallback-x11', '--device=dri']
LIBRARY_MODULES = ['libical', 'cmark-gfm', 'xxhash']
CLEANUP = ['/include', '/lib/pkgconfig', '/lib/cmake', '/share/man', '/bin/cmark-gfm']
SKIP = ['_build', 'flatpak/_check', '.flatpak-builder']


def problems_of(manifest, app_id):
    problems = []
    if manifest.get('id') != app_id:
        problems.append(f'id is {manifest.get("id")!r}, expected {app_id!r}')
    if manifest.get('command') != 'convene':
        problems.append('command is not "convene"')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('runtime/sdk must be org.gnome.Platform/org.gnome.Sdk')
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not version.isdigit():
        problems.append(f'runtime-version {version!r} is not a GNOME release number as a string')
    elif int(version) < 47:
        problems.append(f'runtime-version {version} is older than GNOME 47')

    args = manifest.get('finish-args', [])
    if sorted(args) != sorted(FINISH_ARGS):
        problems.append(f'finish-args are {args}, expected exactly {FINISH_ARGS}')
    reasons = manifest.get('x-finish-args-reasons', {})
    for arg in args:
        if not reasons.get(arg):
            problems.append(f'finish-arg {arg} has no reason in x-finish-args-reasons')

    modules = manifest.get('modules', [])
    names = [m.get('name') for m in modules if isinstance(m, dict)]
    for name in LIBRARY_MODULES:
        if name not in names[:-1]:
            problems.append(f'no module {name} before the app')
    cleanup = set(manifest.get('cleanup', []))
    for module in modules[:-1]:
        cleanup |= set(module.get('cleanup', []))
    for path in CLEANUP:
        if path not in cleanup:
            problems.append(f'cleanup does not remove {path}')

    for module in modules[:-1]:
        name = module.get('name')
        sources = module.get('sources', [])
        if not sources:
            problems.append(f'module {name}: no sources')
        for source in sources:
            kind = source.get('type')
            if kind in ('archive', 'file'):
                if not source.get('url', '').startswith('https://'):
                    problems.append(f'module {name}: {kind} source without an https url')
                if len(source.get('sha256', '')) != 64:
                    problems.append(f'module {name}: {kind} source without sha256')
            elif kind == 'git':
                if not source.get('tag') or len(source.get('commit', '')) != 40:
                    problems.append(f'module {name}: git source without both tag and commit')
            else:
                problems.append(f'module {name}: source type {kind!r} is not pinned')
            if not source.get('x-checker-data'):
                problems.append(f'module {name}: source without x-checker-data')

    app = modules[-1] if modules else {}
    if app.get('name') != 'convene' or app.get('buildsystem') != 'meson':
        problems.append('the last module must build convene with meson')
    if app.get('run-tests') is not True:
        problems.append('the app module does not run the tests (run-tests)')
    dirs = [s for s in app.get('sources', []) if s.get('type') == 'dir' and s.get('path') == '..']
    if not dirs:
        problems.append('the app module does not build this tree (type dir, path "..")')
    for path in SKIP:
        if dirs and path not in dirs[0].get('skip', []):
            problems.append(f'the app source does not skip {path}')
    return problems


def breakages(manifest):
    """Yield (what, broken copy) for each rule."""
    def broken(what, change):
        m = copy.deepcopy(manifest)
        change(m)
        return what, m
    app = len(manifest['modules']) - 1
    yield broken('wrong id', lambda m: m.update(id='org.example.Other'))
    yield broken('wrong command', lambda m: m.update(command='sh'))
    yield broken('numeric runtime-version', lambda m: m.update({'runtime-version': 50}))
    yield broken('old runtime', lambda m: m.update({'runtime-version': '46'}))
    yield broken('extra finish-arg', lambda m: m['finish-args'].append('--filesystem=home'))
    yield broken('missing finish-arg', lambda m: m['finish-args'].remove('--device=dri'))
    yield broken('reason missing', lambda m: m['x-finish-args-reasons'].pop('--share=ipc'))
    yield broken('no xxhash module',
                 lambda m: m.update(modules=[x for x in m['modules'] if x['name'] != 'xxhash']))
    yield broken('headers kept', lambda m: m['cleanup'].remove('/include'))
    yield broken('cmark-gfm binary kept', lambda m: m['cleanup'].remove('/bin/cmark-gfm'))
    yield broken('no sha256', lambda m: m['modules'][0]['sources'][0].pop('sha256'))
    yield broken('git without commit', lambda m: m['modules'][0].update(
        sources=[{'type': 'git', 'url': 'https://example.org/x.git', 'tag': 'v1',
                  'x-checker-data': {'type': 'git'}}]))
    yield broken('no x-checker-data', lambda m: m['modules'][1]['sources'][0].pop('x-checker-data'))
    yield broken('no run-tests', lambda m: m['modules'][app].pop('run-tests'))
    yield broken('app not last', lambda m: m['modules'].reverse())
    yield broken('check dir not skipped', lambda m: m['modules'][app]['sources'][0].update(skip=[]))


def main(argv):
    self_test = argv[:1] == ['--self-test']
    if self_test:
        argv = argv[1:]
    path, app_id = argv
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    problems = problems_of(manifest, app_id)
    for p in problems:
        print(f'{path}: {p}', file=sys.stderr)
    if problems or not self_test:
        return 1 if problems else 0
    missed = 0
    for what, broken in breakages(manifest):
        found = problems_of(broken, app_id)
        print(f'{what}: {found[0] if found else "NOT DETECTED"}')
        missed += not found
    return 1 if missed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
