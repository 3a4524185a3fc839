// Writes the add-in's icons (addin/assets/icon-*.png): a purple tile with a white month grid.
// Run once when the design changes; the PNGs are committed as source assets.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const u = x / size,
        v = y / size;
      const inGrid = u > 0.18 && u < 0.82 && v > 0.26 && v < 0.82;
      const line =
        inGrid &&
        (Math.abs(((u - 0.18) / 0.64) * 4 - Math.round(((u - 0.18) / 0.64) * 4)) < 0.08 ||
          Math.abs(((v - 0.26) / 0.56) * 3 - Math.round(((v - 0.26) / 0.56) * 3)) < 0.08);
      const header = u > 0.18 && u < 0.82 && v > 0.16 && v <= 0.26;
      const white = header || line;
      row.push(...(white ? [255, 255, 255, 255] : [0x5b, 0x2c, 0x83, 255]));
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
for (const size of [16, 32, 64, 80, 128])
  fs.writeFileSync(path.join(__dirname, '..', 'addin', 'assets', `icon-${size}.png`), png(size));
