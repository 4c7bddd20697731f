# Sourced (not run) by docker-stacks' start.sh from /usr/local/bin/before-notebook.d at every container
# start, as root or as the user. Gives the user an editable copy of the lessons, ~/amsgrad-notebooks:
#   - on the first start, every notebooks/*.ipynb of the image;
#   - later, only lessons that are new in the image (a student's edits are never overwritten);
#   - always, node_modules -> /srv/amsgrad/node_modules, so `import ... from "amsgrad"` and the
#     tslab kernel resolve from that folder (the kernel runs in the notebook's folder).
# Settings: AMSGRAD_HOME (the repository in the image, default /srv/amsgrad), AMSGRAD_NOTEBOOKS (the
# user's folder, default /home/$NB_USER/amsgrad-notebooks). Being sourced, it must not `exit`.
amsgrad_copy_notebooks() {
  local src="${AMSGRAD_HOME:-/srv/amsgrad}"
  local user="${NB_USER:-jovyan}"
  local dest="${AMSGRAD_NOTEBOOKS:-/home/${user}/amsgrad-notebooks}"
  local nb name
  if [[ ! -d "${src}/notebooks" || ! -d "${src}/node_modules" ]]; then
    echo "amsgrad-notebooks: ${src} has no notebooks/ or node_modules/: nothing copied" >&2
    return 0
  fi
  mkdir -p "${dest}" || return 0
  for nb in "${src}"/notebooks/*.ipynb; do
    name="$(basename "${nb}")"
    [[ -e "${dest}/${name}" ]] || cp "${nb}" "${dest}/${name}"
  done
  ln -sfn "${src}/node_modules" "${dest}/node_modules"
  if [[ "$(id -u)" == 0 && -n "${NB_UID:-}" ]]; then
    chown -R -h "${NB_UID}:${NB_GID:-100}" "${dest}"
  fi
  echo "amsgrad-notebooks: lessons in ${dest}" >&2
}
amsgrad_copy_notebooks
unset -f amsgrad_copy_notebooks
