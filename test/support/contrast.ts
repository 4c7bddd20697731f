/**
 * Text that a theme made unreadable: for every HTML element under `selector` with text of its own that
 * is drawn (a box, not hidden), its computed text colour against the background it is drawn on (the
 * first opaque background colour of it or an ancestor, white when none), as WCAG's contrast ratio.
 * A front end's CSS can reach into an output (JupyterLab colours every table with its theme's colours),
 * so this is measured in the page, after the front end's styles apply.
 */
import type { Page } from "playwright-core";

export interface PoorContrast {
  text: string;
  color: string;
  background: string;
  ratio: number;
}

/** Elements whose own text has a contrast ratio below `least` against its background (WCAG AA: 4.5; large text 3). */
export async function poorContrast(page: Page, selector: string, least = 3): Promise<PoorContrast[]> {
  return page.evaluate(
    ([selector, least]) => {
      const rgba = (css: string): [number, number, number, number] => {
        const m = css.match(/rgba?\(([^)]+)\)/);
        if (!m) return [0, 0, 0, 0];
        const parts = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
        return [parts[0]!, parts[1]!, parts[2]!, parts.length > 3 ? parts[3]! : 1];
      };
      const luminance = ([r, g, b]: number[]) => {
        const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
      };
      const backgroundOf = (el: Element | null): string => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (rgba(bg)[3] >= 0.99) return bg;
        }
        return "rgb(255, 255, 255)";
      };
      const poor: { text: string; color: string; background: string; ratio: number }[] = [];
      for (const root of Array.from(document.querySelectorAll(selector as string))) {
        for (const el of Array.from(root.querySelectorAll<HTMLElement>("*"))) {
          if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") continue;
          const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent ?? "").join("").trim();
          if (!own) continue;
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          if (box.width === 0 || box.height === 0 || style.visibility !== "visible" || el.closest("[hidden]")) continue;
          const color = style.color;
          const background = backgroundOf(el);
          const [l1, l2] = [luminance(rgba(color)), luminance(rgba(background))];
          const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
          if (ratio < (least as number)) poor.push({ text: own.slice(0, 40), color, background, ratio: Math.round(ratio * 100) / 100 });
        }
      }
      return poor;
    },
    [selector, least] as const,
  );
}
