import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from './TableRegion';

/** One column: its header and what each row shows in it. */
export interface DataTableColumn<Row> {
  /** Stable React key for the column. */
  id: string;
  header: string;
  /** A second, smaller line under the header (what the cell's second line shows). */
  subhead?: string;
  /** The cell content for a row. */
  cell: (row: Row) => ReactNode;
}

/** How the table is named for assistive technology: its own (visually hidden) caption, or a heading on the page. */
type DataTableName = { caption: string; labelledBy?: never } | { labelledBy: string; caption?: never };

export type DataTableProps<Row> = DataTableName & {
  /** Names the scrollable region around the table. */
  label: string;
  /** Extra class on the <table>, beside `table`. */
  className?: string;
  /** The first column heads each row (<th scope="row">). */
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** The row's buttons or links, in a last column headed "Actions" for screen readers only. */
  actions?: (row: Row) => ReactNode;
};

/**
 * A list as a table in a keyboard-scrollable region: named by a caption or a
 * heading, column headers with scope, the first cell of each row as its
 * header, and an optional actions column.
 */
export function DataTable<Row>({ label, className, columns, rows, rowKey, actions, ...name }: DataTableProps<Row>) {
  const { t } = useTranslation();
  const [rowHeader, ...cells] = columns;
  return (
    <TableRegion label={label}>
      <table className={className ? `table ${className}` : 'table'} aria-labelledby={name.labelledBy}>
        {name.caption && <caption className="visually-hidden">{name.caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col">
                {column.header}
                {column.subhead && <span className="table__subhead">{column.subhead}</span>}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {rowHeader && (
                <th scope="row" className="table__primary">
                  {rowHeader.cell(row)}
                </th>
              )}
              {cells.map((column) => (
                <td key={column.id}>{column.cell(row)}</td>
              ))}
              {actions && <td className="table__actions">{actions(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
