/*
 * A fake Office host for browser tests: window.Office and window.Excel over an in-memory
 * workbook, implementing the part of Office.js the gateway uses. Served in place of Microsoft's
 * office.js; the test seeds it through window.__FAKE_INIT and inspects window.__fake.
 */
(function () {
  const init = window.__FAKE_INIT || {
    sheets: [{ name: 'Hoja1', values: [], merges: [] }],
    settings: {},
  };
  const fake = {
    sheets: new Map(
      init.sheets.map((s) => [
        s.name,
        { name: s.name, values: s.values.map((r) => r.slice()), merges: (s.merges || []).slice() },
      ]),
    ),
    active: init.active || init.sheets[0].name,
    syncs: 0,
    selected: null,
    settings: Object.assign({}, init.settings || {}),
    names: {},
    validations: [],
    conditionalFormats: 0,
    insertedColumns: 0,
  };
  window.__fake = fake;

  const colNumber = (letters) =>
    [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const parseAddress = (a) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a.trim());
    return { row: Number(m[2]) - 1, col: colNumber(m[1]) };
  };
  const letters = (col) => {
    let n = col + 1,
      s = '';
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  const cellText = (v) => (v === null || v === undefined ? '' : v);

  function rangeOf(sheet, top, left, height, width, address) {
    const range = {
      address:
        address ||
        `${sheet.name}!${letters(left)}${top + 1}:${letters(left + width - 1)}${top + height}`,
      load() {
        return range;
      },
      set values(v) {
        v.forEach((row, r) =>
          row.forEach((value, c) => {
            if (value === null) return; // null leaves the cell as it is
            const y = top + r,
              x = left + c;
            while (sheet.values.length <= y) sheet.values.push([]);
            sheet.values[y][x] = value;
          }),
        );
      },
      get values() {
        return Array.from({ length: height }, (_, r) =>
          Array.from({ length: width }, (_, c) =>
            cellText((sheet.values[top + r] || [])[left + c]),
          ),
        );
      },
      select() {
        fake.selected = address || range.address;
        fake.active = sheet.name;
      },
      clear() {
        if (!address) sheet.values = [];
      },
      getEntireColumn() {
        return {
          insert() {
            // Everything from this column moves one to the right, merged areas included.
            sheet.values.forEach((row) => {
              if (row && row.length > left) row.splice(left, 0, null);
            });
            sheet.merges = sheet.merges.map((m) => {
              const [a, b = a] = m.split(':');
              const p = parseAddress(a),
                q = parseAddress(b);
              const shift = (x) => (x >= left ? x + 1 : x);
              return `${letters(shift(p.col))}${p.row + 1}:${letters(shift(q.col))}${q.row + 1}`;
            });
            fake.insertedColumns++;
          },
        };
      },
      merge() {
        sheet.merges.push(`${letters(left)}${top + 1}:${letters(left + width - 1)}${top + height}`);
      },
      format: { font: {}, fill: {}, set columnWidth(_w) {} },
      dataValidation: {
        clear() {},
        set rule(_r) {
          fake.validations.push(address);
        },
        set errorAlert(_a) {},
      },
      conditionalFormats: {
        add() {
          fake.conditionalFormats++;
          return {
            custom: { rule: {}, format: { fill: {} } },
            textComparison: { rule: {}, format: { fill: {} } },
          };
        },
      },
    };
    return range;
  }

  function sheetApi(sheet) {
    return {
      get name() {
        return sheet.name;
      },
      isNullObject: false,
      load() {},
      activate() {
        fake.active = sheet.name;
      },
      getUsedRangeOrNullObject() {
        const height = sheet.values.length;
        const width = Math.max(0, ...sheet.values.map((r) => (r ? r.length : 0)));
        if (height === 0 || width === 0)
          return {
            isNullObject: true,
            load() {},
            getMergedAreasOrNullObject: () => ({ isNullObject: true, load() {} }),
          };
        const used = rangeOf(sheet, 0, 0, height, width);
        used.rowIndex = 0;
        used.columnIndex = 0;
        used.isNullObject = false;
        used.getMergedAreasOrNullObject = () =>
          sheet.merges.length
            ? {
                isNullObject: false,
                load() {},
                address: sheet.merges.map((m) => `'${sheet.name}'!${m}`).join(', '),
              }
            : { isNullObject: true, load() {} };
        return used;
      },
      getRange(address) {
        if (!address) return rangeOf(sheet, 0, 0, sheet.values.length, 1);
        const [a, b = a] = address.split(':');
        const p = parseAddress(a),
          q = parseAddress(b);
        return rangeOf(sheet, p.row, p.col, q.row - p.row + 1, q.col - p.col + 1, address);
      },
      getRangeByIndexes(r, c, h, w) {
        return rangeOf(sheet, r, c, h, w);
      },
    };
  }

  const workbook = {
    worksheets: {
      getActiveWorksheet: () => sheetApi(fake.sheets.get(fake.active)),
      getItem: (name) => sheetApi(fake.sheets.get(name)),
      getItemOrNullObject: (name) =>
        fake.sheets.has(name) ? sheetApi(fake.sheets.get(name)) : { isNullObject: true, load() {} },
      add: (name) => {
        fake.sheets.set(name, { name, values: [], merges: [] });
        return sheetApi(fake.sheets.get(name));
      },
    },
    names: {
      getItemOrNullObject: (name) =>
        name in fake.names
          ? { isNullObject: false, name, load() {} }
          : { isNullObject: true, load() {} },
      getItem: (name) => ({
        delete() {
          delete fake.names[name];
        },
      }),
      add: (name, formula) => {
        if (name in fake.names) throw new Error(`The name ${name} already exists.`);
        fake.names[name] = formula;
      },
    },
  };

  window.Excel = {
    run: async (callback) =>
      callback({
        workbook,
        sync: async () => {
          fake.syncs++;
        },
      }),
    ConditionalFormatType: { custom: 'Custom', containsText: 'ContainsText' },
    ConditionalTextOperator: { contains: 'Contains' },
    DataValidationAlertStyle: { information: 'Information' },
    InsertShiftDirection: { right: 'Right' },
  };
  window.Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady: (callback) =>
      Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }).then((info) => {
        if (callback) callback(info);
        return info;
      }),
    context: {
      document: {
        settings: {
          get: (key) => (key in fake.settings ? fake.settings[key] : null),
          set: (key, value) => {
            fake.settings[key] = value;
          },
          saveAsync: (callback) => callback({ status: 'succeeded' }),
        },
      },
    },
  };
})();
