import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP relay on 127.0.0.1 to the hall's server that a test can cut and restore, as if the
 * server had stopped and started again, without touching the PostgreSQL cluster other tests use.
 * `stop` drops every relayed connection and stops listening (a connection attempt is refused);
 * `start` listens again on the same port.
 */
export interface TcpProxy {
  port: number
  stop: () => Promise<void>
  start: () => Promise<void>
  close: () => Promise<void>
}

export async function tcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(port, host)
    sockets.add(client)
    sockets.add(upstream)
    client.pipe(upstream).pipe(client)
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  const listen = (at: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(at, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = () => {
    const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()
    for (const s of sockets) s.destroy()
    sockets.clear()
    return closed
  }
  await listen(0)
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port')
  return {
    port: address.port,
    stop,
    start: () => (server.listening ? Promise.resolve() : listen(address.port)),
    close: stop,
  }
}
