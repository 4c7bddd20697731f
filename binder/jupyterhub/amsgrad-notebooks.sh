# Sourced (not run) at every start of a student's server: by docker-stacks' start.sh from
# /usr/local/bin/before-notebook.d in the hub image (as root or as the user), and by
# binder/jupyterhub/student-server (`npm run class`, The Littlest JupyterHub), as the student.
# Gives the student an editable copy of the lessons, ~/amsgrad-notebooks, and never loses an edit:
#   - a lesson the student does not have yet (first start, a lesson new in the image or checkout,
#     one deleted by mistake) is copied;
#   - a lesson that changed since it was handed out replaces the student's copy only if the student
#     has not edited that copy; an edited copy is kept and the new version is put beside it as
#     NN-name.new.ipynb (itself replaced by later versions until the student edits it);
#   - what was handed out is recorded in ~/amsgrad-notebooks/.amsgrad-lessons (name and sha256), so
#     "edited" means "differs from what was handed out";
#   - every copy made is trusted for the student (its signature goes into the student's Jupyter data
#     folder, which a hub with persistent homes keeps), so shipped outputs show as they were made;
#   - node_modules -> the repository's node_modules, so `import ... from "amsgrad"` and the tslab
#     kernel (it runs in the notebook's folder) resolve from that folder.
# Settings: AMSGRAD_HOME (the repository, default /srv/amsgrad), AMSGRAD_NOTEBOOKS (the student's
# folder; default /home/$NB_USER/amsgrad-notebooks in the image, else $HOME/amsgrad-notebooks),
# JUPYTER_PYTHON (the Python whose nbformat signs notebooks, default python3).
# Being sourced, it must not `exit` nor stop a `set -e` caller: the work runs in a subshell whose
# failure is only reported.
amsgrad_copy_notebooks() (
  set -uo pipefail
  src="${AMSGRAD_HOME:-/srv/amsgrad}"
  if [[ -n "${NB_USER:-}" ]]; then home="/home/${NB_USER}"; else home="${HOME:?}"; fi
  dest="${AMSGRAD_NOTEBOOKS:-${home}/amsgrad-notebooks}"
  manifest="${dest}/.amsgrad-lessons"
  python="${JUPYTER_PYTHON:-python3}"
  say() { echo "amsgrad-notebooks: $*" >&2; }
  sha() { sha256sum < "$1" | cut -d' ' -f1; }

  if [[ ! -d "${src}/notebooks" || ! -d "${src}/node_modules" ]]; then
    say "${src} has no notebooks/ or node_modules/: nothing copied"
    return 0
  fi
  mkdir -p "${dest}" || return 1

  declare -A given=()
  if [[ -f "${manifest}" ]]; then
    while read -r sum name; do [[ -n "${name}" ]] && given["${name}"]="${sum}"; done < "${manifest}"
  fi
  written=()
  for lesson in "${src}"/notebooks/*.ipynb; do
    name="$(basename "${lesson}")"
    shipped="$(sha "${lesson}")"
    target="${dest}/${name}"
    if [[ -e "${target}" ]]; then
      current="$(sha "${target}")"
      if [[ "${current}" == "${shipped}" ]]; then given["${name}"]="${shipped}"; continue; fi
      # The lesson has not changed since it was handed out: the difference is the student's work.
      if [[ "${shipped}" == "${given[${name}]:-}" ]]; then continue; fi
      if [[ "${current}" != "${given[${name}]:-}" ]]; then
        # The student's own version: keep it; the new one goes beside it.
        name="${name%.ipynb}.new.ipynb"
        target="${dest}/${name}"
        if [[ -e "${target}" ]]; then
          current="$(sha "${target}")"
          if [[ "${current}" == "${shipped}" ]]; then given["${name}"]="${shipped}"; continue; fi
          if [[ "${current}" != "${given[${name}]:-}" ]]; then
            say "kept ${name}: edited by the student, not replaced by the new version"
            continue
          fi
        fi
      fi
    fi
    cp "${lesson}" "${target}" || return 1
    given["${name}"]="${shipped}"
    written+=("${target}")
  done
  for name in "${!given[@]}"; do printf '%s %s\n' "${given[${name}]}" "${name}"; done | sort -k2 > "${manifest}.tmp" &&
    mv "${manifest}.tmp" "${manifest}"
  ln -sfn "${src}/node_modules" "${dest}/node_modules"

  # Trust what was handed out, in the data folder the student's server reads (as root in the image:
  # the student's folder, then given to the student).
  data="${JUPYTER_DATA_DIR:-${home}/.local/share/jupyter}"
  if (( ${#written[@]} > 0 )); then
    if JUPYTER_DATA_DIR="${data}" "${python}" -m nbformat.sign --log-level=WARN "${written[@]}" >/dev/null; then
      say "handed out ${#written[@]} lesson(s) to ${dest}, trusted"
    else
      say "handed out ${#written[@]} lesson(s) to ${dest}; could not trust them with ${python}"
    fi
  fi
  if [[ "$(id -u)" == 0 && -n "${NB_UID:-}" ]]; then
    chown -R -h "${NB_UID}:${NB_GID:-100}" "${dest}"
    if [[ "${data}" == "${home}/.local/share/jupyter" && -d "${home}/.local" ]]; then
      chown -R "${NB_UID}:${NB_GID:-100}" "${home}/.local"
    fi
  fi
  return 0
)
amsgrad_copy_notebooks || echo "amsgrad-notebooks: could not hand out the lessons (see above)" >&2
unset -f amsgrad_copy_notebooks
