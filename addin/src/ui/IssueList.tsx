import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Link,
  Text,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { groupIssues, issueDetail } from '../../../shared/cronograma/issue-groups';
import { ValidationIssue } from '../../../shared/schemas';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  cell: { fontFamily: tokens.fontFamilyMonospace, minWidth: '3.5em', flexShrink: 0 },
  advice: { display: 'block', marginBottom: tokens.spacingVerticalXS },
});

export interface IssueListProps {
  /** The sheet the issues' cells are on. */
  sheet: string;
  issues: readonly ValidationIssue[];
  /** Called when the user picks an issue's cell (to select it in the workbook). */
  onSelect: (sheet: string, cell: string) => void;
}

/**
 * A validation's issues, readable at 320 px: the errors, always shown, one per line; then the
 * warnings grouped by kind, each group collapsed under its title with the count
 * («26 actividades con meses vencidos sin estatus»). Every entry is one click from its cell.
 */
export function IssueList({ sheet, issues, onSelect }: IssueListProps) {
  const styles = useStyles();
  const errorsId = useId('errores');
  const warningsId = useId('avisos');
  const { errors, warnings } = groupIssues(issues);
  const warningCount = issues.length - errors.length;
  const cellLink = (issue: ValidationIssue) => (
    <Link
      className={styles.cell}
      onClick={() => onSelect(sheet, issue.cell)}
      data-testid={`issue-${issue.cell}`}
      title={`Ir a ${issue.cell}`}
    >
      {issue.cell}
    </Link>
  );
  if (issues.length === 0) return null;
  return (
    <div className={styles.root}>
      {errors.length > 0 && (
        <section className={styles.section} aria-labelledby={errorsId}>
          <Text as="h2" id={errorsId} weight="semibold" className={styles.heading}>
            Errores (impiden sincronizar) <Badge appearance="outline">{errors.length}</Badge>
          </Text>
          <ul className={styles.list} data-testid="errors">
            {errors.map((issue, i) => (
              <li key={`${issue.code}-${issue.cell}-${i}`} className={styles.item}>
                {cellLink(issue)}
                <Text size={200}>{issue.message}</Text>
              </li>
            ))}
          </ul>
        </section>
      )}
      {warnings.length > 0 && (
        <section className={styles.section} aria-labelledby={warningsId}>
          <Text as="h2" id={warningsId} weight="semibold" className={styles.heading}>
            Avisos <Badge appearance="outline">{warningCount}</Badge>
          </Text>
          <Accordion multiple collapsible data-testid="warnings">
            {warnings.map((group) => (
              <AccordionItem key={group.code} value={group.code}>
                <AccordionHeader
                  as="h3"
                  size="small"
                  expandIconPosition="start"
                  data-testid={`warning-group-${group.code}`}
                >
                  {group.title}
                </AccordionHeader>
                <AccordionPanel>
                  {group.advice && (
                    <Text size={200} className={styles.advice}>
                      <Text size={200} weight="semibold">
                        Qué hacer:
                      </Text>{' '}
                      {group.advice}
                    </Text>
                  )}
                  <ul className={styles.list}>
                    {group.issues.map((issue, i) => (
                      <li key={`${issue.cell}-${i}`} className={styles.item}>
                        {cellLink(issue)}
                        <Text size={200}>{issueDetail(issue, group)}</Text>
                      </li>
                    ))}
                  </ul>
                </AccordionPanel>
              </AccordionItem>
            ))}
          </Accordion>
        </section>
      )}
    </div>
  );
}
