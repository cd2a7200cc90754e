"""A tiny WebSocket chat/echo server for samples/websocket.html, standard library only.

    python3 samples/tools/ws_echo_server.py [PORT]     # default 8765, listens on 127.0.0.1

Every text message a client sends is answered with "echo: <message>" and passed on to the other clients.
"""

import asyncio
import base64
import hashlib
import struct
import sys

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
clients = set()


async def read_frame(reader):
    head = await reader.readexactly(2)
    opcode, length = head[0] & 0x0F, head[1] & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", await reader.readexactly(2))
    elif length == 127:
        (length,) = struct.unpack("!Q", await reader.readexactly(8))
    mask = await reader.readexactly(4) if head[1] & 0x80 else b"\0\0\0\0"
    payload = bytearray(await reader.readexactly(length))
    for i in range(length):
        payload[i] ^= mask[i % 4]
    return opcode, bytes(payload)


def frame(opcode, payload):
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, length)
    elif length < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, length)
    return header + payload


async def serve(reader, writer):
    request = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    key = next(line.split(":", 1)[1].strip() for line in request.split("\r\n") if line.lower().startswith("sec-websocket-key"))
    accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    writer.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
    clients.add(writer)
    try:
        while True:
            opcode, payload = await read_frame(reader)
            if opcode == 8:  # close
                writer.write(frame(8, payload[:2] or struct.pack("!H", 1000)))
                break
            if opcode == 9:  # ping
                writer.write(frame(10, payload))
            elif opcode in (1, 2):
                writer.write(frame(opcode, b"echo: " + payload if opcode == 1 else payload))
                for other in clients - {writer}:
                    other.write(frame(opcode, payload))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        clients.discard(writer)
        writer.close()


async def main(port):
    server = await asyncio.start_server(serve, "127.0.0.1", port)
    print(f"WebSocket server on ws://127.0.0.1:{port}/ (Ctrl+C to stop)")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8765))
