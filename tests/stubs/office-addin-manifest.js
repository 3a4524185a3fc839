// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, which is ESM-only under
// jest on Node 20: this stub stands in for it (jest.config.js moduleNameMapper).
module.exports = {
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
};
