/**
 * Listing pages numbered from the oldest article: page 1 holds the oldest `size` articles and never changes
 * again, so publishing an article rewrites only the newest page (and the listing's front page), not every
 * page of the archive. Pages are returned oldest first; items within a page newest first.
 */
export interface NumberedPage<T> {
  readonly number: number;
  readonly items: readonly T[];
}

export function stablePages<T>(oldestFirst: readonly T[], size: number): NumberedPage<T>[] {
  const pages: NumberedPage<T>[] = [];
  for (let start = 0, number = 1; start < oldestFirst.length; start += size, number++) {
    pages.push({ number, items: oldestFirst.slice(start, start + size).reverse() });
  }
  return pages;
}
