#!/usr/bin/env python3
"""Offline checks of the Flatpak manifest: it parses, names the app, runs
the convene command, builds this tree with meson as its last module, uses a
GNOME runtime new enough for libadwaita 1.2, and asks for no more than the
app needs (network for avatars, a display)."""
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
with open(path, encoding='utf-8') as f:
    manifest = json.load(f)

problems = []
if manifest.get('id') != app_id:
    problems.append(f'id is {manifest.get("id")!r}, expected {app_id!r}')
if manifest.get('command') != 'convene':
    problems.append('command is not "convene"')
if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    problems.append('runtime/sdk must be org.gnome.Platform/org.gnome.Sdk')
try:
    if int(manifest.get('runtime-version', '0')) < 43:
        problems.append('runtime-version must be 43 or newer (libadwaita 1.2)')
except ValueError:
    problems.append('runtime-version is not a GNOME release number')

allowed = {'--share=network', '--share=ipc', '--socket=fallback-x11',
           '--socket=wayland', '--device=dri'}
for arg in manifest.get('finish-args', []):
    if arg not in allowed:
        problems.append(f'finish-arg {arg} is more than the app needs')
if '--share=network' not in manifest.get('finish-args', []):
    problems.append('--share=network is needed for avatars')

modules = manifest.get('modules', [])
if not modules or modules[-1].get('name') != 'convene' or modules[-1].get('buildsystem') != 'meson':
    problems.append('the last module must build convene with meson')
for module in modules:
    for source in module.get('sources', []):
        if source.get('type') in ('archive', 'file') and 'sha256' not in source:
            problems.append(f'module {module.get("name")}: source without sha256')
        if source.get('type') == 'git' and not (source.get('tag') or source.get('commit')):
            problems.append(f'module {module.get("name")}: git source without tag or commit')

for p in problems:
    print(f'{path}: {p}', file=sys.stderr)
sys.exit(1 if problems else 0)
