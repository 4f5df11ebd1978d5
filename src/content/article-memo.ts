import { statSync } from "node:fs";
import type { ArticleSource } from "./article.js";
import type { ContentFile } from "./content-files.js";
import type { ContentProblem } from "./problems.js";

/** One article file as parsed. */
export interface ParsedArticleFile {
  readonly article: ArticleSource | undefined;
  readonly problems: readonly ContentProblem[];
  /** Ids the file claims, even when invalid otherwise (for did-you-mean in related-id errors). */
  readonly ids: readonly string[];
}

/** The content folder's files as the last load listed them. */
export interface ContentListing {
  readonly files: readonly ContentFile[];
  readonly symlinks: readonly string[];
}

/**
 * Articles as parsed by earlier loads in this process, by file, for the preview server: a file whose size,
 * times and inode are unchanged is neither read nor parsed again. Create one per server.
 *
 * While a file watcher reports to it (`watching`), it also knows which files were written since the last
 * load, and the others are not even looked at: on a large archive, checking every file's times costs more
 * than the rest of a preview update. Anything the watcher cannot name precisely (a file added, removed or
 * renamed, as editors that save by renaming do) makes the next load list and check every file again.
 */
export class ArticleMemo {
  readonly #entries = new Map<string, ParsedArticleFile & { readonly signature: string }>();
  #settings = "";
  #watching = false;
  /** Files written in place since the current load began; undefined when that is not known. */
  #written: Set<string> | undefined;
  #listing: ContentListing | undefined;

  /** From now on, the caller reports every change below the content folder (fileWritten, filesMoved). */
  watching(): void {
    this.#watching = true;
  }

  /** A file's content changed in place (its name did not). */
  fileWritten(absolute: string): void {
    this.#written?.add(absolute);
  }

  /** Something other than an in-place write happened below the content folder: the next load checks everything. */
  filesMoved(): void {
    this.#written = undefined;
  }

  /**
   * Starts a load: the listing to reuse (when nothing was added, removed or renamed since the last one) and
   * which files to trust unchanged without looking. Changes reported from now on count for the next load.
   */
  beginLoad(settings: string): LoadContext {
    if (settings !== this.#settings) {
      this.#entries.clear();
      this.#settings = settings;
    }
    const written = this.#watching ? this.#written : undefined;
    this.#written = this.#watching ? new Set() : undefined;
    const listing = written && this.#listing;
    return {
      listing,
      parsed: (absolute, parse) => {
        const entry = this.#entries.get(absolute);
        if (entry && written && !written.has(absolute)) return entry;
        const signature = fileSignature(absolute);
        if (entry?.signature === signature) return entry;
        const fresh = { ...parse(), signature };
        this.#entries.set(absolute, fresh);
        return fresh;
      },
      finish: (next) => {
        this.#listing = next;
        const present = new Set(next.files.map((file) => file.absolute));
        for (const absolute of this.#entries.keys()) if (!present.has(absolute)) this.#entries.delete(absolute);
      },
      abandon: () => this.filesMoved(),
    };
  }
}

export interface LoadContext {
  readonly listing: ContentListing | undefined;
  /** The file as parsed: remembered if unchanged, else parsed with `parse` and remembered. */
  parsed(absolute: string, parse: () => ParsedArticleFile): ParsedArticleFile;
  /** The load is complete; forgets files that no longer exist. */
  finish(listing: ContentListing): void;
  /** The load failed: what it was told about changes is lost, so the next load checks everything. */
  abandon(): void;
}

/** What identifies a file's version without reading it. */
function fileSignature(absolute: string): string {
  const stat = statSync(absolute, { bigint: true });
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
