// Eleventy 3 ships JavaScript without type declarations; this declares the part of its API fabu calls.
declare module "@11ty/eleventy" {
  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string | false;
    runMode?: "build" | "serve" | "watch";
    config?: (config: never) => void | Promise<void>;
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
  }
}

declare module "@11ty/eleventy-dev-server" {
  interface DevServerOptions {
    liveReload?: boolean;
    domDiff?: boolean;
    showVersion?: boolean;
    logger?: Record<string, (line: string) => void>;
  }
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): void;
    reload(event?: Record<string, unknown>): void;
    sendError(payload: { error: Error }): void;
    close(): Promise<void>;
  }
}
