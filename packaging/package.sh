#!/usr/bin/env bash
# packaging/package.sh - what `./pydesk package` runs: a jpackage app image of PyDesk (its own trimmed Java runtime,
# the JVM flags of ./pydesk and an AOT cache trained at build time) under target/package/, and on Debian a .deb.
# Maven builds the image and the .deb (pom.xml, profile "package": jpackage's arguments are there); this script
# passes its options on, and trains the AOT cache with the image's own launcher in between.
#
#   ./pydesk package                                   PyDesk itself: `pydesk [PAGE]` (default: the samples gallery)
#   ./pydesk package --app ./myapp --name MyApp [--icon icon.png]
#                                                      a page folder as a program of its own: opens its index.html
#   options: --no-deb (the app image only), --no-aot (no AOT cache)
set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
TARGET=$REPO/target
NAME=pydesk
APP=""
ICON=""
DEB=true
AOT=true
while (($#)); do
    case $1 in
        --app) APP=$(readlink -f "$2"); shift 2 ;;
        --name) NAME=$2; shift 2 ;;
        --icon) ICON=$(readlink -f "$2"); shift 2 ;;
        --no-deb) DEB=false; shift ;;
        --no-aot) AOT=false; shift ;;
        -h | --help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
        *) echo "pydesk package: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $NAME =~ ^[A-Za-z][A-Za-z0-9._-]*$ ]] || { echo "pydesk package: --name must be a plain name, not '$NAME'" >&2; exit 2; }
if [[ -n $APP && ! -f $APP/index.html ]]; then
    echo "pydesk package: --app needs a folder with an index.html ($APP has none)" >&2; exit 2
fi
command -v jpackage >/dev/null || { echo "pydesk package: jpackage (JDK 25) is not on the PATH" >&2; exit 2; }

say() { echo "pydesk package: $*" >&2; }

# 1-2. The app image, built by Maven's package profile (pom.xml: what goes in and jpackage's arguments, as data):
# a jlinked runtime (jpackage's default modules for a class-path app), the launcher with ./pydesk's JVM flags
# (jvm.flags: base and tuning), PyDesk's jars and JavaFX's native libraries, and the pages: PyDesk's samples, or
# the app's folder (which the launcher opens by default).
OUT=$TARGET/package
IMAGE=$OUT/$NAME
PROPERTIES=(-Dpackage.name="$NAME")
[[ -n $APP ]] && PROPERTIES+=(-Dpackage.app="$APP")
[[ -n $ICON ]] && PROPERTIES+=(-Dpackage.icon="$ICON")
command -v mvn >/dev/null || { echo "pydesk package: Maven (mvn) is needed: apt-get install maven" >&2; exit 2; }
say "building the app image $IMAGE (mvn -Ppackage package)..."
(cd "$REPO" && mvn -B -q -Dstyle.color=never -DskipTests -Ppackage "${PROPERTIES[@]}" package) ||
    { echo "pydesk package: the build failed" >&2; exit 2; }
rm -rf "$OUT/input-$NAME" # a copy of the jars, now inside the image
if [[ -n $APP ]]; then TRAINING_PAGE=$IMAGE/lib/app/app/index.html; else TRAINING_PAGE=$REPO/samples/hello.html; fi

# 3. The AOT cache, trained by the image's own launcher and runtime (a cache is only valid for the JVM that made
# it), then named in the launcher's configuration.
if $AOT; then
    say "training the AOT cache with the packaged launcher (about a minute)..."
    CACHE=$IMAGE/lib/app/$NAME.aot
    CFG=$IMAGE/lib/app/$NAME.cfg
    # The cache is valid only for jars of the same size and time: one fixed time here, the .deb's postinst sets it
    # again after installing (copies made by jpackage and dpkg get new times).
    touch -d @1700000000 "$IMAGE"/lib/app/*.jar
    cp "$CFG" "$CFG.orig"
    sed -i "/^\[JavaOptions\]/a java-options=-XX:AOTCacheOutput=\$APPDIR/$NAME.aot" "$CFG"
    # the same run keeps PyDesk's own Python modules compiled (CompiledModules.java), as ./pydesk's training does
    sed -i "/^\[JavaOptions\]/a java-options=-Dpydesk.codeCache=\$APPDIR/$NAME.code" "$CFG"
    sed -i "/^\[JavaOptions\]/a java-options=-Dpydesk.codeCache.write=true" "$CFG"
    "$IMAGE/bin/$NAME" --headless --dump none --timeout 300 "$TRAINING_PAGE" >"$OUT/$NAME-aot-training.log" 2>&1 \
        </dev/null || true
    mv "$CFG.orig" "$CFG"
    if [[ -f $CACHE ]]; then
        sed -i "/^\[JavaOptions\]/a java-options=-XX:AOTCache=\$APPDIR/$NAME.aot" "$CFG"
        if [[ -d $IMAGE/lib/app/$NAME.code ]]; then
            sed -i "/^\[JavaOptions\]/a java-options=-Dpydesk.codeCache=\$APPDIR/$NAME.code" "$CFG"
        fi
    else
        say "warning: no AOT cache was made (see $OUT/$NAME-aot-training.log)"
    fi
fi
say "app image: $IMAGE ($(du -sh "$IMAGE" | cut -f1)); run $IMAGE/bin/$NAME"

# 4. The .deb (Debian): /opt/NAME, a `NAME` command in /usr/bin, a desktop entry, "Open with" for .html files.
if $DEB; then
    if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
        if ((EUID == 0)) && command -v apt-get >/dev/null; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q fakeroot dpkg-dev >&2 </dev/null
        else
            say "no .deb: it needs dpkg-deb and fakeroot (sudo apt-get install fakeroot)"; exit 0
        fi
    fi
    say "building the .deb..."
    PACKAGE=$(tr '[:upper:]' '[:lower:]' <<<"$NAME")
    rm -f "$OUT"/"$PACKAGE"_*.deb
    # the profile's execution "deb": jpackage on the trained image (its arguments are in pom.xml)
    (cd "$REPO" && mvn -B -q -Dstyle.color=never -Ppackage "${PROPERTIES[@]}" -Dpackage.deb.name="$PACKAGE" \
        org.panteleyev:jpackage-maven-plugin:jpackage@deb) || { echo "pydesk package: the .deb failed" >&2; exit 2; }
    say "deb: $(ls -1 "$OUT"/"$PACKAGE"_*.deb) ($(du -sh "$OUT"/"$PACKAGE"_*.deb | cut -f1 | head -n 1))"
fi
