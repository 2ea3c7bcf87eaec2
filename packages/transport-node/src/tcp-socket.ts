import { createConnection, type Socket } from "node:net";
import { BattError } from "@batt/core";

/** Callbacks for {@link wireSocket}. */
export interface SocketHandlers {
  /** Called with every chunk the socket receives. */
  readonly data: (chunk: Uint8Array) => void;
  /** Called once when the connection ends without our asking (peer closed, reset, error). */
  readonly gone: (cause: Error) => void;
}

/** Routes a socket's events to `handlers`; returns a function that detaches them. */
export function wireSocket(socket: Socket, handlers: SocketHandlers): () => void {
  let done = false;
  const gone = (cause: Error): void => {
    if (done) return;
    done = true;
    handlers.gone(cause);
  };
  const onData = (chunk: Buffer): void => handlers.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  const onEnd = (): void => gone(new Error("peer closed the connection"));
  const onError = (error: Error): void => gone(error);
  const onClose = (): void => gone(new Error("connection closed"));
  socket.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  return () => {
    done = true;
    socket.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    socket.on("error", () => undefined); // errors while closing are of no interest
  };
}

/** Describes why a connection attempt failed, in words a person can act on. */
function connectFailure(target: string, error: NodeJS.ErrnoException): BattError {
  switch (error.code) {
    case "ECONNREFUSED":
      return new BattError("not-open", `cannot connect to ${target}: connection refused (nothing listening?)`, { cause: error });
    case "ENOTFOUND":
    case "EAI_NONAME":
      return new BattError("not-found", `cannot connect to ${target}: host not found`, { cause: error });
    default:
      return new BattError("not-open", `cannot connect to ${target}: ${error.message}`, { cause: error });
  }
}

/** Connects to `host:port`; rejects with a {@link BattError} (`timeout` after `timeoutMs`). */
export function connectSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  const target = `tcp ${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new BattError("timeout", `cannot connect to ${target}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.off("error", onError);
      resolve(socket);
    });
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(connectFailure(target, error));
    };
    socket.once("error", onError);
  });
}

/** Writes `data`; resolves when the socket has handed it to the operating system. */
export function writeSocket(socket: Socket, data: Uint8Array, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(Buffer.from(data), (error) => {
      if (error) reject(new BattError("disconnected", `write to ${target} failed: ${error.message}`, { cause: error }));
      else resolve();
    });
  });
}

/**
 * Ends the connection politely (FIN after pending data) and resolves when the socket is closed.
 * A peer that never finishes the close is cut off after `deadlineMs`.
 */
export function closeSocket(socket: Socket, deadlineMs: number): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.destroy(), deadlineMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.end(() => socket.destroy());
  });
}
