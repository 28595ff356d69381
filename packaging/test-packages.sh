#!/usr/bin/env bash
# Builds the Linux packages from a build folder with CPack and checks them:
#   - .deb (finetune-studio-cli, finetune-studio): file lists, control fields, Depends computed by
#     dpkg-shlibdeps (the CLI without Qt), resolvable against the apt sources (apt-get -s);
#   - the desktop entry (desktop-file-validate), AppStream metainfo (appstreamcli validate --no-net,
#     a <release> for this version), the MIME type (update-mime-database), the hicolor icons;
#   - the packages unpacked with dpkg -x into a temporary root (nothing is installed system-wide):
#     finetune --version, make-tiny-model, a short train + report of the installed demo, the
#     sentencepiece shim loaded from the installed lib/finetune-studio, finetune-studio --version and
#     its German translation;
#   - the .tar.gz: contents, and the CLI run from the unpacked archive (relocatable);
#   - the .rpm when rpmbuild is installed: contents and computed Requires.
# Usage: packaging/test-packages.sh [BUILD_DIR] [--keep] [--no-rpm]
#   BUILD_DIR  a configured and built folder (default: $FT_BUILD_DIR or build/)
#   --keep     keep the work folder (packages, unpacked root) and print its path
# Exits non-zero with a message naming the failed check. Also CTest's "packaging" test (label
# "packaging"): ctest -L packaging. docs/packaging.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="" keep=0 rpm=1
for a in "$@"; do
  case "$a" in
    --keep) keep=1 ;;
    --no-rpm) rpm=0 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "test-packages: unknown option $a" >&2; exit 2 ;;
    *) build="$a" ;;
  esac
done
build="$(cd "${build:-${FT_BUILD_DIR:-$root/build}}" && pwd)"

failures=0
step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok: %s\n' "$*"; }
fail() { printf '   FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
die() { printf 'test-packages: FAIL: %s\n' "$*" >&2; exit 1; }
# check DESCRIPTION COMMAND...: runs the command, records a failure (with its output) when it fails.
check() {
  local what="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then ok "$what"; else fail "$what"; printf '%s\n' "$out" | sed 's/^/      /' >&2; fi
}

[ -f "$build/CPackConfig.cmake" ] || die "$build has no CPackConfig.cmake: configure and build first (scripts/build)"
for tool in cpack dpkg-deb dpkg-shlibdeps appstreamcli desktop-file-validate update-mime-database file \
            spm_train python3 tar; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: run scripts/setup-deps"
done
[ "$rpm" = 1 ] && ! command -v rpmbuild >/dev/null && { echo "test-packages: rpmbuild missing, skipping the RPM"; rpm=0; }

cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")"
[ -n "$version" ] || die "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake"
gui=1
case "$(cache_value FT_BUILD_GUI)" in ON|on|1|TRUE|true|YES|yes) ;; *) gui=0 ;; esac
app_id=io.github.finetunestudio.FinetuneStudio

work="$(mktemp -d "${TMPDIR:-/tmp}/ft-packages.XXXXXX")"
if [ "$keep" = 1 ]; then trap 'echo "test-packages: kept $work"' EXIT; else trap 'rm -rf "$work"' EXIT; fi
out="$work/out" sysroot="$work/root"
mkdir -p "$out" "$sysroot"

# ---------------------------------------------------------------------------------------------
# Bring the build up to date first (a no-op after scripts/build): cpack reads CPackConfig.cmake
# before its own "preinstall" build step could regenerate it.
if ! cmake --build "$build" >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log" >&2
  die "cmake --build $build failed (log above)"
fi
generators="DEB;TGZ"
[ "$rpm" = 1 ] && generators="$generators;RPM"
step "cpack -G $generators (version $version, GUI $([ $gui = 1 ] && echo yes || echo no))"
start=$SECONDS
if ! (cd "$build" && cpack --config CPackConfig.cmake -G "$generators" -B "$out") >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  die "cpack failed (log above)"
fi
ok "packages built in $((SECONDS - start)) s"
# first_file GLOB-EXPANSION...: the first argument that exists (a glob that matched nothing stays literal).
first_file() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; true; }
made() { (cd "$out" && find . -maxdepth 1 -type f -printf '%f ') }
arch="$(dpkg --print-architecture)"
cli_deb="$out/finetune-studio-cli_${version}-1_${arch}.deb"
gui_deb="$out/finetune-studio_${version}-1_${arch}.deb"
tgz="$(first_file "$out"/finetune-studio-"$version"-*.tar.gz)"
for f in "$cli_deb" "$tgz" $([ $gui = 1 ] && echo "$gui_deb"); do
  [ -f "$f" ] || die "cpack did not produce ${f:-the .tar.gz}; it made: $(made)"
  printf '   %-60s %8s KiB\n' "$(basename "$f")" "$(( $(stat -c %s "$f") / 1024 ))"
done

# ---------------------------------------------------------------------------------------------
# expect_files LIST_FILE PATH...: every PATH (as dpkg-deb -c / tar -t print them) is in the list.
expect_files() {
  local list="$1" missing=""; shift
  for p in "$@"; do grep -qxF -- "$p" "$list" || missing="$missing $p"; done
  [ -z "$missing" ] || { echo "missing:$missing"; return 1; }
}
field() { dpkg-deb -f "$1" "$2"; }

step "finetune-studio-cli .deb"
dpkg-deb -c "$cli_deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$work/cli.files"
check "files: finetune, sentencepiece shim, man page, demo" expect_files "$work/cli.files" \
  /usr/bin/finetune /usr/lib/finetune-studio/libft_spm_shim.so /usr/share/man/man1/finetune.1.gz \
  /usr/share/finetune-studio/demo/reviews.csv /usr/share/finetune-studio/demo/job.ftjob.json \
  /usr/share/finetune-studio/demo/definitions.csv /usr/share/finetune-studio/demo/job-from-scratch.ftjob.json \
  /usr/share/finetune-studio/demo/README /usr/share/finetune-studio/models/starter-gpt2/model.safetensors \
  /usr/share/finetune-studio/models/starter-gpt2/config.json /usr/share/finetune-studio/models/starter-gpt2/tokenizer.json \
  /usr/share/finetune-studio/models/starter-gpt2/README.md
check "nothing outside /usr, no headers or static libraries" \
  bash -c "! grep -vE '^/(usr/?)?$|^/usr/' '$work/cli.files' && ! grep -E '\\.(h|a)$|/include/' '$work/cli.files'"
check "Package/Version/Architecture/Section/Maintainer" bash -c "
  [ \"\$(dpkg-deb -f '$cli_deb' Package)\" = finetune-studio-cli ] &&
  [ \"\$(dpkg-deb -f '$cli_deb' Version)\" = '$version-1' ] &&
  [ \"\$(dpkg-deb -f '$cli_deb' Architecture)\" = '$arch' ] &&
  [ \"\$(dpkg-deb -f '$cli_deb' Section)\" = science ] &&
  [ -n \"\$(dpkg-deb -f '$cli_deb' Maintainer)\" ] && [ -n \"\$(dpkg-deb -f '$cli_deb' Description)\" ]"
cli_depends="$(field "$cli_deb" Depends)"
echo "   Depends: $cli_depends"
check "Depends computed by dpkg-shlibdeps (libc6, libtorch, sentencepiece)" bash -c \
  "grep -q 'libc6 (>=' <<<'$cli_depends' && grep -q 'libtorch' <<<'$cli_depends' && grep -q 'libsentencepiece' <<<'$cli_depends'"
check "the CLI package does not need Qt" bash -c "! grep -qi 'qt6\\|libqt' <<<'$cli_depends'"
check "binaries are stripped" bash -c \
  "dpkg-deb -x '$cli_deb' '$work/strip-check' && file '$work/strip-check/usr/bin/finetune' | grep -q ', stripped'"

if [ "$gui" = 1 ]; then
  step "finetune-studio .deb"
  dpkg-deb -c "$gui_deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$work/gui.files"
  icons=()
  for s in 16 32 48 64 128 256; do icons+=("/usr/share/icons/hicolor/${s}x${s}/apps/$app_id.png"); done
  check "files: finetune-studio, desktop entry, metainfo, MIME type, icons, man page" expect_files "$work/gui.files" \
    /usr/bin/finetune-studio "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml" \
    "/usr/share/mime/packages/$app_id.xml" "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" "${icons[@]}" \
    /usr/share/man/man1/finetune-studio.1.gz
  check "no file in both packages" bash -c "! comm -12 <(grep -v '/$' '$work/cli.files' | sort) <(grep -v '/$' '$work/gui.files' | sort) | grep ."
  gui_depends="$(field "$gui_deb" Depends)"
  echo "   Depends: $gui_depends"
  check "Depends: Qt 6 Widgets, QCustomPlot, finetune-studio-cli (= $version-1)" bash -c \
    "grep -q 'libqt6widgets6' <<<'$gui_depends' && grep -q 'libqcustomplot' <<<'$gui_depends' &&
     grep -qF 'finetune-studio-cli (= $version-1)' <<<'$gui_depends'"
  echo "   Recommends: $(field "$gui_deb" Recommends) / $(field "$cli_deb" Recommends)"
fi

if command -v apt-get >/dev/null; then
  step "Depends resolvable on this system's apt sources (apt-get --simulate, installs nothing)"
  debs=("$cli_deb"); [ "$gui" = 1 ] && debs+=("$gui_deb")
  check "apt-get install --simulate" apt-get install --simulate -qq "${debs[@]}"
fi

# ---------------------------------------------------------------------------------------------
step "unpack into a temporary root (dpkg -x)"
dpkg -x "$cli_deb" "$sysroot"
[ "$gui" = 1 ] && dpkg -x "$gui_deb" "$sysroot"
ok "$sysroot"
usr="$sysroot/usr"

if [ "$gui" = 1 ]; then
  step "desktop integration files"
  check "desktop-file-validate" desktop-file-validate "$usr/share/applications/$app_id.desktop"
  check "desktop entry: Exec, Icon, MimeType" bash -c "
    grep -qx 'Exec=finetune-studio %f' '$usr/share/applications/$app_id.desktop' &&
    grep -qx 'Icon=$app_id' '$usr/share/applications/$app_id.desktop' &&
    grep -qx 'MimeType=application/x-finetune-job+json;' '$usr/share/applications/$app_id.desktop'"
  check "appstreamcli validate --no-net" appstreamcli validate --no-net "$usr/share/metainfo/$app_id.metainfo.xml"
  check "metainfo lists release $version and launches $app_id.desktop" bash -c "
    grep -q '<release version=\"$version\"' '$usr/share/metainfo/$app_id.metainfo.xml' &&
    grep -q '<launchable type=\"desktop-id\">$app_id.desktop</launchable>' '$usr/share/metainfo/$app_id.metainfo.xml'"
  mkdir -p "$work/mime"
  cp -r "$usr/share/mime/packages" "$work/mime/"
  check "update-mime-database accepts the MIME package without warnings" bash -c \
    "out=\$(XDG_DATA_HOME='$work' update-mime-database '$work/mime' 2>&1) && [ -z \"\$out\" ] || { echo \"\$out\"; false; }"
  check "*.ftjob.json maps to application/x-finetune-job+json (sub-class of application/json)" bash -c "
    grep -q ':application/x-finetune-job+json:\\*\\.ftjob\\.json$' '$work/mime/globs2' &&
    grep -q '^application/x-finetune-job+json application/json$' '$work/mime/subclasses'"
  icon_check() {
    for s in 16 32 48 64 128 256; do
      file "$usr/share/icons/hicolor/${s}x${s}/apps/$app_id.png" | grep -q "PNG image data, $s x $s" ||
        { echo "${s}x${s} icon is not a $s x $s PNG"; return 1; }
    done
    file "$usr/share/icons/hicolor/scalable/apps/$app_id.svg" | grep -q 'SVG'
  }
  check "hicolor icons: PNG 16-256 of their sizes, scalable SVG" icon_check
fi

# ---------------------------------------------------------------------------------------------
step "run the installed CLI"
fin="$usr/bin/finetune"
unset FT_SPM_SHIM
check "ldd: every library of finetune and the shim found" bash -c \
  "! ldd '$fin' '$usr/lib/finetune-studio/libft_spm_shim.so' | grep 'not found'"
check "finetune --version prints 'finetune $version'" bash -c "[ \"\$('$fin' --version)\" = 'finetune $version' ]"
demo="$work/demo"
cp -r "$usr/share/finetune-studio/demo" "$demo"
chmod -R u+w "$demo"
starter="$usr/share/finetune-studio/models/starter-gpt2"
check "the installed demo job names the installed starter model" \
  grep -qF '"/usr/share/finetune-studio/models/starter-gpt2"' "$demo/job.ftjob.json"
check "finetune inspect (installed starter model)" "$fin" inspect "$starter"
# A short run of the installed demo job: a few optimizer steps, then evaluation and the report. The
# package is unpacked, not installed, so the job's /usr path is pointed into the unpacked tree.
python3 - "$demo/job.ftjob.json" "$starter" <<'EOF'
import json, sys
path = sys.argv[1]
job = json.load(open(path))
job["model"]["path"] = sys.argv[2]
job["training"].update({"max_steps": 4, "batch_size": 8, "eval_every_steps": 0})
job["data"]["max_length"] = 24
json.dump(job, open(path, "w"), indent=2)
EOF
train_check() {
  "$fin" train "$demo/job.ftjob.json" --run-dir "$demo/runs/short" &&
    [ -f "$demo/runs/short/eval/report.json" ] && "$fin" report "$demo/runs/short" >/dev/null
}
start=$SECONDS
check "finetune train (installed demo job, 4 steps) + finetune report" train_check
echo "   (train took $((SECONDS - start)) s)"

# The sentencepiece shim must come from the unpacked tree, found relative to the executable
# (bin/../lib/finetune-studio), not from the build folder compiled in as a fallback.
spm="$work/spm"
mkdir -p "$spm/tok"
cut -d, -f1 "$demo/reviews.csv" | tail -n +2 >"$spm/corpus.txt"
spm_train --input="$spm/corpus.txt" --model_prefix="$spm/m" --vocab_size=150 --hard_vocab_limit=false \
  --model_type=unigram --minloglevel=2 >"$spm/train.log" 2>&1 || { cat "$spm/train.log" >&2; die "spm_train failed"; }
cp "$spm/m.model" "$spm/tok/tokenizer.model"
shim_check() {
  local prefix="$1" log
  log="$(LD_DEBUG=files "$prefix/bin/finetune" tokenize "$spm/tok" --text "great value for the money" 2>&1)" ||
    { echo "$log" | grep -v '^ *[0-9]*:' ; return 1; }
  grep -q "file=$prefix/lib/finetune-studio/libft_spm_shim.so" <<<"$log" ||
    { echo "the shim was loaded from elsewhere:"; grep 'libft_spm_shim' <<<"$log"; return 1; }
}
check "finetune tokenize (tokenizer.model) loads lib/finetune-studio/libft_spm_shim.so from the unpacked root" \
  shim_check "$usr"

if [ "$gui" = 1 ]; then
  step "run the installed GUI (offscreen)"
  studio="$usr/bin/finetune-studio"
  check "ldd: every library of finetune-studio found" bash -c "! ldd '$studio' | grep 'not found'"
  check "finetune-studio --version prints $version" bash -c \
    "QT_QPA_PLATFORM=offscreen '$studio' --version | grep -qx 'finetune-studio $version'"
  german_check() {
    local en de
    en="$(env -u LANGUAGE LC_ALL=C LANG=C QT_QPA_PLATFORM=offscreen "$studio" --help)"
    de="$(env -u LANGUAGE LC_ALL= LANG=de_DE.UTF-8 QT_QPA_PLATFORM=offscreen "$studio" --help)"
    [ "$en" != "$de" ] || { echo "--help under LANG=de_DE.UTF-8 is the English text:"; echo "$de"; return 1; }
  }
  check "finetune-studio --help is German under LANG=de_DE.UTF-8 (embedded translations)" german_check
  # What a file manager does through the desktop entry (Exec=finetune-studio %f): open a job file.
  open_check() {
    QT_QPA_PLATFORM=offscreen timeout 120 "$studio" "$demo/job.ftjob.json" --screenshot-dir "$work/shots" || return 1
    compgen -G "$work/shots/*.png" >/dev/null || { echo "no screenshot was written"; return 1; }
  }
  check "finetune-studio JOB opens the installed demo job (screenshots of each step)" open_check
fi

# ---------------------------------------------------------------------------------------------
step "$(basename "$tgz")"
tar -tzf "$tgz" | sed 's|^[^/]*/||' >"$work/tgz.files"
tgz_expect=(bin/finetune lib/finetune-studio/libft_spm_shim.so share/finetune-studio/demo/job.ftjob.json
            share/man/man1/finetune.1.gz)
[ "$gui" = 1 ] && tgz_expect+=(bin/finetune-studio "share/applications/$app_id.desktop"
                               "share/metainfo/$app_id.metainfo.xml" "share/mime/packages/$app_id.xml")
check "files: both components in one tree" expect_files "$work/tgz.files" "${tgz_expect[@]}"
mkdir -p "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
tgz_root="$(find "$work/tgz" -mindepth 1 -maxdepth 1 -type d | head -1)"
check "finetune --version from the unpacked archive" bash -c "[ \"\$('$tgz_root/bin/finetune' --version)\" = 'finetune $version' ]"
check "the archive's shim is found relative to its bin/ (relocatable)" shim_check "$tgz_root"

if [ "$rpm" = 1 ]; then
  step "RPM"
  cli_rpm="$(first_file "$out"/finetune-studio-cli-"$version"-1.*.rpm)"
  gui_rpm="$(first_file "$out"/finetune-studio-"$version"-1.*.rpm)"
  if [ -z "$cli_rpm" ] || { [ "$gui" = 1 ] && [ -z "$gui_rpm" ]; }; then
    fail "cpack made no RPM for each component: $(made)"
  else
    for f in "$cli_rpm" $([ $gui = 1 ] && echo "$gui_rpm"); do
      printf '   %-60s %8s KiB\n' "$(basename "$f")" "$(( $(stat -c %s "$f") / 1024 ))"
    done
    rpm -qpl "$cli_rpm" 2>/dev/null >"$work/cli.rpm.files"
    check "finetune-studio-cli.rpm files" expect_files "$work/cli.rpm.files" /usr/bin/finetune \
      /usr/lib/finetune-studio/libft_spm_shim.so /usr/share/finetune-studio/demo/job.ftjob.json
    check "finetune-studio-cli.rpm Requires computed (libtorch, libc)" bash -c \
      "rpm -qpR '$cli_rpm' 2>/dev/null | grep -q 'libtorch' && rpm -qpR '$cli_rpm' 2>/dev/null | grep -q 'libc.so.6'"
    if [ "$gui" = 1 ]; then
      rpm -qpl "$gui_rpm" 2>/dev/null >"$work/gui.rpm.files"
      check "finetune-studio.rpm files" expect_files "$work/gui.rpm.files" /usr/bin/finetune-studio \
        "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml"
      check "finetune-studio.rpm Requires Qt 6 and finetune-studio-cli" bash -c \
        "rpm -qpR '$gui_rpm' 2>/dev/null | grep -q 'libQt6Widgets' && rpm -qpR '$gui_rpm' 2>/dev/null | grep -q '^finetune-studio-cli'"
      check "finetune-studio.rpm does not own shared directories" bash -c \
        "! rpm -qpl '$gui_rpm' 2>/dev/null | grep -xE '/usr/share/(applications|icons|icons/hicolor|mime|metainfo)'"
    fi
  fi
fi

echo
if [ "$failures" -gt 0 ]; then
  echo "test-packages: FAIL: $failures check(s) failed (see FAIL lines above)" >&2
  exit 1
fi
echo "test-packages: all checks passed"
