import { Badge, Text } from '@mantine/core';

const gradeColors: Record<string, string> = { A: 'green', B: 'teal', C: 'yellow', D: 'orange' };

/** The fit grade (A best); a dash for a lead below grade D or not yet scored. */
export function FitGradeBadge({ grade, points }: { grade: string | null; points?: number }) {
  if (!grade)
    return (
      <Text c="dimmed" span>
        —
      </Text>
    );
  return (
    <Badge
      color={gradeColors[grade] ?? 'gray'}
      variant="light"
      title={points === undefined ? `Fit grade ${grade}` : `Fit grade ${grade} (${points} points)`}
    >
      {grade}
    </Badge>
  );
}
