<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name></name>
    <message>
        <source>No se pudo abrir la base de datos</source>
        <translation>Could not open the database</translation>
    </message>
    <message>
        <source>Registro mensual — {unit}</source>
        <translation>Monthly results — {unit}</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Deshacer</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Rehacer</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Lo que falta para guardar</source>
        <translation>What is missing before saving</translation>
    </message>
    <message>
        <source>Enviar</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>El envío para revisión llega con el flujo de aprobación.</source>
        <translation>Submitting for review arrives with the approval workflow.</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Unidad: {unit}</source>
        <translation>Unit: {unit}</translation>
    </message>
    <message>
        <source>Mes:</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>Registro mensual</source>
        <translation>Monthly results</translation>
    </message>
    <message>
        <source>Causa</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Por qué el resultado se apartó de la meta</source>
        <translation>Why the result missed the target</translation>
    </message>
    <message>
        <source>Acción correctiva</source>
        <translation>Corrective action</translation>
    </message>
    <message>
        <source>Qué se hará, quién y para cuándo</source>
        <translation>What will be done, by whom and by when</translation>
    </message>
    <message>
        <source>Justificación</source>
        <translation>Justification</translation>
    </message>
    <message>
        <source>No hay indicadores que reportar en este mes.</source>
        <translation>No indicators are due this month.</translation>
    </message>
    <message>
        <source>{count} celdas por corregir</source>
        <translation>{count} cells to correct</translation>
    </message>
    <message>
        <source>Todo en orden para guardar.</source>
        <translation>Ready to save.</translation>
    </message>
    <message>
        <source>Sin cambios.</source>
        <translation>No changes.</translation>
    </message>
    <message>
        <source>{count} en rojo</source>
        <translation>{count} red</translation>
    </message>
    <message>
        <source>Guardado: {new} nuevos, {changed} cambiados.</source>
        <translation>Saved: {new} new, {changed} changed.</translation>
    </message>
    <message>
        <source>Hay cambios sin guardar. ¿Guardarlos?</source>
        <translation>There are unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>enero</source>
        <translation>January</translation>
    </message>
    <message>
        <source>febrero</source>
        <translation>February</translation>
    </message>
    <message>
        <source>marzo</source>
        <translation>March</translation>
    </message>
    <message>
        <source>abril</source>
        <translation>April</translation>
    </message>
    <message>
        <source>mayo</source>
        <translation>May</translation>
    </message>
    <message>
        <source>junio</source>
        <translation>June</translation>
    </message>
    <message>
        <source>julio</source>
        <translation>July</translation>
    </message>
    <message>
        <source>agosto</source>
        <translation>August</translation>
    </message>
    <message>
        <source>septiembre</source>
        <translation>September</translation>
    </message>
    <message>
        <source>octubre</source>
        <translation>October</translation>
    </message>
    <message>
        <source>noviembre</source>
        <translation>November</translation>
    </message>
    <message>
        <source>diciembre</source>
        <translation>December</translation>
    </message>
    <message>
        <source>ene</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>abr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>may</source>
        <translation>May</translation>
    </message>
    <message>
        <source>jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>ago</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>oct</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>dic</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>mayor es mejor</source>
        <translation>higher is better</translation>
    </message>
    <message>
        <source>menor es mejor</source>
        <translation>lower is better</translation>
    </message>
    <message>
        <source>dentro de una banda</source>
        <translation>within a band</translation>
    </message>
    <message>
        <source>conteo (se suma)</source>
        <translation>count (adds up)</translation>
    </message>
    <message>
        <source>existencia (último valor)</source>
        <translation>stock (latest value)</translation>
    </message>
    <message>
        <source>promedio</source>
        <translation>average</translation>
    </message>
    <message>
        <source>razón (numerador / denominador)</source>
        <translation>ratio (numerator / denominator)</translation>
    </message>
    <message>
        <source>mensual</source>
        <translation>monthly</translation>
    </message>
    <message>
        <source>trimestral</source>
        <translation>quarterly</translation>
    </message>
    <message>
        <source>semestral</source>
        <translation>half-yearly</translation>
    </message>
    <message>
        <source>anual</source>
        <translation>annual</translation>
    </message>
    <message>
        <source>contra la meta</source>
        <translation>against the target</translation>
    </message>
    <message>
        <source>avance desde la línea base</source>
        <translation>progress from the baseline</translation>
    </message>
    <message>
        <source>Indicador {code} — {name}</source>
        <translation>Indicator {code} — {name}</translation>
    </message>
    <message>
        <source>Unidad del gráfico</source>
        <translation>Unit shown in the chart</translation>
    </message>
    <message>
        <source>unidad seleccionada</source>
        <translation>selected unit</translation>
    </message>
    <message>
        <source>Pase el puntero sobre el gráfico para ver las cifras exactas.</source>
        <translation>Hover over the chart to see the exact figures.</translation>
    </message>
    <message>
        <source>Cifras del mes</source>
        <translation>Figures of the month</translation>
    </message>
    <message>
        <source>Gráfico de {code}: resultado frente a meta por mes</source>
        <translation>Chart of {code}: result against target by month</translation>
    </message>
    <message>
        <source>Unidad:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation>Objective</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Fórmula</source>
        <translation>Formula</translation>
    </message>
    <message>
        <source>Unidad de medida</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Polaridad</source>
        <translation>Polarity</translation>
    </message>
    <message>
        <source>Frecuencia</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Factor</translation>
    </message>
    <message>
        <source>Método</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Banda</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>Línea base</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Peso</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Umbral verde</source>
        <translation>Green threshold</translation>
    </message>
    <message>
        <source>Umbral amarillo</source>
        <translation>Yellow threshold</translation>
    </message>
    <message>
        <source>Niveles que reportan</source>
        <translation>Reporting levels</translation>
    </message>
    <message>
        <source>Fuente</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Ficha del indicador</source>
        <translation>Indicator sheet</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>{code} en {unit}</source>
        <translation>{code} in {unit}</translation>
    </message>
    <message>
        <source>{month} {year}: resultado {value} · meta {target} · {status}</source>
        <translation>{month} {year}: result {value} · target {target} · {status}</translation>
    </message>
    <message>
        <source>Institución</source>
        <translation>Institution</translation>
    </message>
    <message>
        <source>Buscar unidad…</source>
        <translation>Search unit…</translation>
    </message>
    <message>
        <source>Unidades</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Acumulado (año a la fecha)</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>Puntaje</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Estado del cálculo</source>
        <translation>Calculation status</translation>
    </message>
    <message>
        <source>Cuadro de mando</source>
        <translation>Scorecard</translation>
    </message>
    <message>
        <source>Doble clic en un indicador: su ficha y su evolución</source>
        <translation>Double-click an indicator: its sheet and its trend</translation>
    </message>
    <message>
        <source>Unidades subordinadas</source>
        <translation>Units below</translation>
    </message>
    <message>
        <source>Unidades subordinadas, por puntaje</source>
        <translation>Units below, ranked by score</translation>
    </message>
    <message>
        <source>&amp;Archivo</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Registro mensual…</source>
        <translation>&amp;Monthly results…</translation>
    </message>
    <message>
        <source>&amp;Copia de seguridad…</source>
        <translation>&amp;Back up…</translation>
    </message>
    <message>
        <source>Restaurar copia de &amp;seguridad…</source>
        <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
        <source>&amp;Vista previa de impresión…</source>
        <translation>Print pre&amp;view…</translation>
    </message>
    <message>
        <source>&amp;Salir</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Ver</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Actualizar</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Idioma</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>A&amp;yuda</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Acerca de</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Calculando…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>{scored} de {total} indicadores</source>
        <translation>{scored} of {total} indicators</translation>
    </message>
    <message>
        <source>Tasa de reporte {value}</source>
        <translation>Completeness {value}</translation>
    </message>
    <message>
        <source>Oportunidad {value}</source>
        <translation>Timeliness {value}</translation>
    </message>
    <message>
        <source>Idioma</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>No se encontró la traducción; reinicie la aplicación.</source>
        <translation>The translation was not found; restart the app.</translation>
    </message>
    <message>
        <source>Copia de seguridad</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Base de datos SQLite (*.sqlite)</source>
        <translation>SQLite database (*.sqlite)</translation>
    </message>
    <message>
        <source>Copia de seguridad guardada en {path}</source>
        <translation>Backup saved to {path}</translation>
    </message>
    <message>
        <source>Restaurar copia de seguridad</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Los datos actuales se reemplazarán por los de {path}. ¿Continuar?</source>
        <translation>The current data will be replaced by that of {path}. Continue?</translation>
    </message>
    <message>
        <source>Copia de seguridad restaurada desde {path}</source>
        <translation>Backup restored from {path}</translation>
    </message>
    <message>
        <source>Acerca del Tablero GPR</source>
        <translation>About GPR Scorecard</translation>
    </message>
    <message>
        <source>Tablero de Gobierno por Resultados para la seguridad ciudadana.</source>
        <translation>Results-based management scorecard for public security.</translation>
    </message>
    <message>
        <source>Versión {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>Tablero GPR</source>
        <translation>GPR Scorecard</translation>
    </message>
    <message>
        <source>Vista previa de impresión</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>editar {cell}</source>
        <translation>edit {cell}</translation>
    </message>
    <message>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Indicador</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Numerador</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>Denominador</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>Cumplimiento</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>Semáforo</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Comentario</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>el denominador debe ser mayor que cero</source>
        <translation>the denominator must be greater than zero</translation>
    </message>
    <message>
        <source>no puede ser negativo</source>
        <translation>cannot be negative</translation>
    </message>
    <message>
        <source>una razón necesita numerador y denominador</source>
        <translation>a ratio needs a numerator and a denominator</translation>
    </message>
    <message>
        <source>en rojo: escriba la causa y la acción correctiva</source>
        <translation>red: write the cause and the corrective action</translation>
    </message>
    <message>
        <source>«{text}» no es un número: use la coma decimal (1.234,5)</source>
        <translation>&apos;{text}&apos; is not a number: use the decimal comma (1.234,5)</translation>
    </message>
    <message>
        <source>«{text}» no es un número</source>
        <translation>&apos;{text}&apos; is not a number</translation>
    </message>
    <message>
        <source>Nº</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Tasa de reporte</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>Últimos 12 meses</source>
        <translation>Last 12 months</translation>
    </message>
</context>
</TS>
