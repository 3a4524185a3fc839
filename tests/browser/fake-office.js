/*
 * A fake Office host for browser tests: window.Office and window.Excel over an in-memory
 * workbook, implementing the part of Office.js the gateway uses, with Excel's semantics where the
 * pane depends on them (empty cells read as "", dates as serial numbers with their number format,
 * inserted rows take the formats of the row above, change events after every write). Served in
 * place of Microsoft's office.js; the test seeds it through window.__FAKE_INIT and inspects and
 * edits the workbook through window.__fake.
 *
 * Signing in: where the test gives an identity, the host is signed in as that person, as Office
 * is: `Office.auth.getAuthContext()` names them, and `window.nestedAppAuthBridge` answers MSAL's
 * Nested App Authentication requests (GetInitContext, GetToken, GetTokenPopup) with tokens the
 * test's local issuer signs (through the `__patIssueTokens` binding). Where `NestedAppAuth 1.1` is
 * unsupported, `Office.context.ui.displayDialogAsync` stands in for the sign-in dialog: it checks
 * the dialog's URL and answers as `auth-dialog.html` does, with `messageParent`'s message.
 */
(function () {
  const init = window.__FAKE_INIT || {
    sheets: [{ name: 'Hoja1', values: [], merges: [] }],
    settings: {},
  };
  const newSheet = (s) => ({
    name: s.name,
    values: (s.values || []).map((r) => (r || []).slice()),
    merges: (s.merges || []).slice(),
    styles: (s.styles || []).map((r) => (r || []).map((c) => (c ? Object.assign({}, c) : c))),
    formulas: (s.formulas || []).map((r) => (r || []).slice()),
    numberFormats: (s.numberFormats || []).map((r) => (r || []).slice()),
  });
  const fake = {
    sheets: new Map(init.sheets.map((s) => [s.name, newSheet(s)])),
    active: init.active || init.sheets[0].name,
    syncs: 0,
    selected: null,
    settings: Object.assign({}, init.settings || {}),
    names: {},
    validations: [],
    conditionalFormats: 0,
    insertedColumns: 0,
    insertedRows: 0,
    changeHandlers: [],
    unsupported: init.unsupported || [],
    identity: init.identity || null,
    // Each NAA request's method, and each dialog's URL.
    bridgeRequests: [],
    dialogs: [],
  };
  window.__fake = fake;

  /** Tokens for the signed-in person from the test's issuer; rejects as the test decides. */
  const issue = (how) => window.__patIssueTokens(how);

  if (fake.identity && !fake.unsupported.includes('NestedAppAuth 1.1')) {
    const listeners = [];
    const answer = (message) =>
      window.setTimeout(() => listeners.forEach((l) => l({ data: JSON.stringify(message) })));
    window.nestedAppAuthBridge = {
      addEventListener: (_type, listener) => listeners.push(listener),
      removeEventListener: (_type, listener) => listeners.splice(listeners.indexOf(listener), 1),
      postMessage: (text) => {
        const request = JSON.parse(text);
        const base = { messageType: 'NestedAppAuthResponse', requestId: request.requestId };
        fake.bridgeRequests.push({ method: request.method });
        if (request.method === 'GetInitContext') {
          answer({
            ...base,
            success: true,
            initContext: { sdkName: 'fake-office', sdkVersion: '1.0.0', capabilities: {} },
          });
          return;
        }
        issue({ interactive: request.method === 'GetTokenPopup' }).then(
          (tokens) =>
            answer({
              ...base,
              success: true,
              token: {
                access_token: tokens.accessToken,
                id_token: tokens.idToken,
                expires_in: tokens.expiresIn,
                scope: request.tokenParams.scope,
                token_type: 'Bearer',
              },
              account: {
                homeAccountId: `${tokens.oid}.${tokens.tid}`,
                environment: 'login.microsoftonline.com',
                tenantId: tokens.tid,
                localAccountId: tokens.oid,
                username: tokens.username,
                name: tokens.name,
              },
            }),
          (refusal) =>
            answer({
              ...base,
              success: false,
              error: { status: String(refusal.message || refusal), code: 'fake', description: '' },
            }),
        );
      },
    };
  }

  /** The sign-in dialog (`auth-dialog.html`), answered as it answers the pane. */
  function displayDialogAsync(url, _options, callback) {
    fake.dialogs.push(url);
    const handlers = {};
    const dialog = {
      addEventHandler: (type, handler) => {
        handlers[type] = handler;
      },
      close: () => undefined,
    };
    callback({ status: 'succeeded', value: dialog });
    const params = new window.URL(url).searchParams;
    const send = (message) =>
      window.setTimeout(() =>
        handlers.dialogMessageReceived({
          message: JSON.stringify(message),
          origin: window.location.origin,
        }),
      );
    if (!/\/auth-dialog\.html$/.test(new window.URL(url).pathname) || !params.get('clientId')) {
      send({ error: 'diálogo inesperado' });
      return;
    }
    if (params.get('action') === 'sign-out') {
      send({ signedOut: true });
      return;
    }
    issue({ interactive: true }).then(
      (tokens) =>
        send({
          accessToken: tokens.accessToken,
          expiresOn: Date.now() + tokens.expiresIn * 1000,
          account: { name: tokens.name, username: tokens.username },
        }),
      () => window.setTimeout(() => handlers.dialogEventReceived({ error: 12006 })),
    );
  }

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
  const cellAt = (rows, r, c) => (rows[r] || [])[c];
  const put = (rows, r, c, v) => {
    while (rows.length <= r) rows.push([]);
    rows[r][c] = v;
  };

  /** Excel raises onChanged after any change of values, by a person or by an add-in. */
  function changed(sheet, address, source) {
    for (const handler of fake.changeHandlers)
      window.setTimeout(() =>
        handler({
          worksheetId: sheet.name,
          address,
          changeType: 'RangeEdited',
          source: 'Local',
          triggerSource: source,
        }),
      );
  }
  /** What a person typing in Excel does (the test's hand). */
  fake.type = (sheetName, address, value) => {
    const sheet = fake.sheets.get(sheetName);
    const p = parseAddress(address);
    put(sheet.values, p.row, p.col, value);
    changed(sheet, address, 'Unknown');
  };

  function rangeOf(sheet, top, left, height, width, address) {
    const a1 =
      address ||
      `${letters(left)}${top + 1}${height > 1 || width > 1 ? `:${letters(left + width - 1)}${top + height}` : ''}`;
    const grid = (fn) =>
      Array.from({ length: height }, (_, r) =>
        Array.from({ length: width }, (_, c) => fn(top + r, left + c)),
      );
    const eachCell = (fn) => {
      for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) fn(top + r, left + c);
    };
    const style = (r, c) => {
      while (sheet.styles.length <= r) sheet.styles.push([]);
      sheet.styles[r][c] = sheet.styles[r][c] || {};
      return sheet.styles[r][c];
    };
    const range = {
      address: `${sheet.name}!${a1}`,
      load() {
        return range;
      },
      set values(v) {
        v.forEach((row, r) =>
          row.forEach((value, c) => {
            if (value === null) return; // null leaves the cell as it is
            put(sheet.values, top + r, left + c, value);
            if (sheet.formulas[top + r]) sheet.formulas[top + r][left + c] = undefined;
          }),
        );
        changed(sheet, a1, 'ThisLocalAddin');
      },
      get values() {
        return grid((r, c) => cellText(cellAt(sheet.values, r, c)));
      },
      get numberFormat() {
        return grid((r, c) => cellAt(sheet.numberFormats, r, c) || 'General');
      },
      set formulasR1C1(v) {
        v.forEach((row, r) =>
          row.forEach((formula, c) => {
            if (formula === null) return;
            put(sheet.formulas, top + r, left + c, formula);
            put(sheet.values, top + r, left + c, 0);
          }),
        );
        changed(sheet, a1, 'ThisLocalAddin');
      },
      get formulasR1C1() {
        return grid((r, c) => cellAt(sheet.formulas, r, c) || cellText(cellAt(sheet.values, r, c)));
      },
      getCellProperties() {
        if (fake.unsupported.includes('ExcelApi 1.9')) throw new Error('No disponible');
        return {
          value: grid((r, c) => {
            const s = cellAt(sheet.styles, r, c) || {};
            return {
              format: {
                fill: { color: s.fill || '#FFFFFF', pattern: s.fill ? 'Solid' : 'None' },
                font: { strikethrough: !!s.strike },
              },
            };
          }),
        };
      },
      select() {
        fake.selected = address || a1;
        fake.active = sheet.name;
      },
      clear() {
        if (!address) {
          sheet.values = [];
          sheet.styles = [];
          sheet.formulas = [];
        }
      },
      getEntireColumn() {
        return {
          insert() {
            // Everything from this column moves one to the right, merged areas included.
            for (const rows of [sheet.values, sheet.styles, sheet.formulas])
              rows.forEach((row) => {
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
      getEntireRow() {
        return {
          insert() {
            // Rows from `top` move down; the new rows take the formats of the row above, as in
            // Excel; a merged area crossing the insertion point grows.
            const above = (sheet.styles[top - 1] || []).map((s) => (s ? Object.assign({}, s) : s));
            sheet.values.splice(top, 0, ...Array.from({ length: height }, () => []));
            sheet.formulas.splice(top, 0, ...Array.from({ length: height }, () => []));
            sheet.styles.splice(
              top,
              0,
              ...Array.from({ length: height }, () =>
                above.map((s) => (s ? Object.assign({}, s) : s)),
              ),
            );
            sheet.merges = sheet.merges.map((m) => {
              const [a, b = a] = m.split(':');
              const p = parseAddress(a),
                q = parseAddress(b);
              const t = p.row >= top ? p.row + height : p.row;
              const bottom = q.row >= top ? q.row + height : q.row;
              return `${letters(p.col)}${t + 1}:${letters(q.col)}${bottom + 1}`;
            });
            fake.insertedRows += height;
            changed(sheet, a1, 'ThisLocalAddin');
          },
        };
      },
      merge() {
        sheet.merges.push(`${letters(left)}${top + 1}:${letters(left + width - 1)}${top + height}`);
      },
      format: {
        fill: {
          set color(colour) {
            eachCell((r, c) => (style(r, c).fill = colour));
          },
          clear() {
            eachCell((r, c) => delete style(r, c).fill);
          },
        },
        font: {
          set strikethrough(on) {
            eachCell((r, c) => (style(r, c).strike = on));
          },
          set color(_c) {},
          set bold(_b) {},
        },
        set columnWidth(_w) {},
      },
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
        used.rowCount = height;
        used.columnCount = width;
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
        fake.sheets.set(name, newSheet({ name }));
        return sheetApi(fake.sheets.get(name));
      },
      onChanged: {
        add(handler) {
          if (fake.unsupported.includes('ExcelApi 1.9')) throw new Error('No disponible');
          fake.changeHandlers.push(handler);
          return {
            context: null,
            remove() {
              fake.changeHandlers = fake.changeHandlers.filter((h) => h !== handler);
            },
          };
        },
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
    // Excel.run(callback), or Excel.run(context, callback) to reuse a context (event removal).
    run: async (first, second) =>
      (typeof first === 'function' ? first : second)({
        workbook,
        sync: async () => {
          fake.syncs++;
        },
      }),
    ConditionalFormatType: { custom: 'Custom', containsText: 'ContainsText' },
    ConditionalTextOperator: { contains: 'Contains' },
    DataValidationAlertStyle: { information: 'Information' },
    InsertShiftDirection: { right: 'Right', down: 'Down' },
  };
  window.Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: {
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
    },
    auth: {
      getAuthContext: () =>
        fake.identity
          ? Promise.resolve({
              userPrincipalName: fake.identity.username,
              tenantId: fake.identity.tid,
            })
          : Promise.reject(new Error('sin cuenta')),
    },
    onReady: (callback) =>
      Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }).then((info) => {
        if (callback) callback(info);
        return info;
      }),
    context: {
      ui: { displayDialogAsync },
      requirements: {
        isSetSupported: (name, version) => !fake.unsupported.includes(`${name} ${version}`),
      },
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
