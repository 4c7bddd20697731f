/**
 * The kernel's display channel, shared by `show()` (figures) and `showExplorer()`: one Jupyter
 * `display_data` message carrying several representations of one output, so that each front end picks
 * what it can show. tslab's own `display.svg()` / `display.html()` send one MIME type each; a bundle needs
 * the function tslab itself sends with (`lastWriteDisplayData` of its jupyter module), found in the module
 * cache of the kernel's process. Failing that (an older tslab), the one representation that matters most.
 * Needs Node (the module cache), not the figures: loading it loads nothing else.
 */
import { createRequire } from "node:module";

/** A Jupyter display_data message's content: a MIME bundle and its metadata. */
export interface DisplayMessage {
  data: Record<string, string>;
  metadata: Record<string, unknown>;
  transient?: Record<string, unknown>;
}

/** Who is displaying, for messages, and what to do instead outside a notebook. */
export interface DisplayCaller {
  /** The public function's name, e.g. "show". */
  where: string;
  /** What it sends, for "tslab could not send the figure to the notebook". */
  thing: string;
  /**
   * The message when this process is no tslab kernel: `said` is tslab's own words when it refused to send
   * ("Not ready": no cell is running), undefined when tslab cannot even be found.
   */
  outside(said?: string): string;
  /** The representation sent alone when tslab cannot send a bundle. */
  fallback: "text/html" | "image/svg+xml";
}

type TslabDisplay = { html?(s: string): void; svg?(s: string): void };

/**
 * The function that sends a display message from this kernel: tslab's `lastWriteDisplayData` when the
 * kernel has run a cell (it is set per execution), else tslab's single-MIME display for `fallback`.
 * Throws an Error naming `where` when there is no tslab kernel here, and one that quotes tslab when tslab
 * fails to send what a running cell showed.
 */
export function kernelDisplay(caller: DisplayCaller): (message: DisplayMessage) => void {
  const { where, thing, outside, fallback } = caller;
  const failed = (error: unknown) => {
    const said = (error as Error)?.message ?? String(error);
    // tslab's display throws "Not ready" when no cell of a kernel is running (this process is no kernel);
    // anything else is tslab failing to send what a running cell showed.
    return new Error(said === "Not ready" ? outside(said) : `${where}: tslab could not send the ${thing} to the notebook (tslab says: ${said})`, { cause: error });
  };
  const require = createRequire(import.meta.url);
  const loaded = Object.keys(require.cache).find((path) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(path));
  const jupyter = loaded ? (require.cache[loaded]?.exports as { lastWriteDisplayData?: unknown }) : undefined;
  if (jupyter && typeof jupyter.lastWriteDisplayData === "function") {
    const write = jupyter.lastWriteDisplayData as (message: DisplayMessage, update: boolean) => void;
    return (message) => {
      try {
        write(message, false);
      } catch (error) {
        throw failed(error);
      }
    };
  }
  let tslab: { display?: TslabDisplay };
  try {
    tslab = createRequire(process.cwd() + "/")("tslab");
  } catch (error) {
    throw new Error(outside(), { cause: error });
  }
  const send = fallback === "text/html" ? tslab.display?.html : tslab.display?.svg;
  if (typeof send !== "function") {
    throw new Error(`${where}: the tslab module found has no display.${fallback === "text/html" ? "html" : "svg"}; is it tslab ≥ 1.0?`);
  }
  return (message) => {
    try {
      send.call(tslab.display, message.data[fallback]);
    } catch (error) {
      throw failed(error);
    }
  };
}
