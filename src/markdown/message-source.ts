/** `source` of every message this pipeline puts on a file, so callers can tell them apart. */
export const MESSAGE_SOURCE = "fabu-markdown";
