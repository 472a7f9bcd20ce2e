<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ConcordanceDialog</name>
    <message numerus="yes">
        <location filename="../../studio/ui/concordance_dialog.py" line="+112"/>
        <source>%n pair(s) hold “{0}”</source>
        <translation>
            <numerusform>%n pair holds “{0}”</numerusform>
            <numerusform>%n pairs hold “{0}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The first %n pairs holding “{0}”: a longer phrase finds fewer</source>
        <translation>
            <numerusform>The first pair holding “{0}”: a longer phrase finds fewer</numerusform>
            <numerusform>The first %n pairs holding “{0}”: a longer phrase finds fewer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContentPane</name>
    <message numerus="yes">
        <location filename="../../studio/ui/content_pane.py" line="+205"/>
        <source>{0} of %n document(s)</source>
        <translation>
            <numerusform>{0} of %n document</numerusform>
            <numerusform>{0} of %n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContentTreeModel</name>
    <message numerus="yes">
        <location filename="../../studio/ui/content_tree_model.py" line="+280"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardModel</name>
    <message numerus="yes">
        <location filename="../../studio/ui/dashboard.py" line="+167"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message numerus="yes">
        <location line="+389"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message numerus="yes">
        <location filename="../../studio/ui/document_editor.py" line="+972"/>
        <source>%n cell(s)</source>
        <translation>
            <numerusform>%n cell</numerusform>
            <numerusform>%n cells</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message numerus="yes">
        <location filename="../../studio/ui/facts_panel.py" line="+130"/>
        <source>Facts: %n value(s), the same in every language</source>
        <translation>
            <numerusform>Facts: %n value, the same in every language</numerusform>
            <numerusform>Facts: %n values, the same in every language</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message numerus="yes">
        <location filename="../../studio/ui/source_form.py" line="+97"/>
        <source>%n character(s) over the maximum</source>
        <translation>
            <numerusform>%n character over the maximum</numerusform>
            <numerusform>%n characters over the maximum</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../studio/ui/main_window.py" line="+537"/>
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>Importing %n file</numerusform>
            <numerusform>Importing %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Importing translations from %n file(s)</source>
        <translation>
            <numerusform>Importing translations from %n file</numerusform>
            <numerusform>Importing translations from %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>Replacing in %n translation(s)</source>
        <translation>
            <numerusform>Replacing in %n translation</numerusform>
            <numerusform>Replacing in %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Replaced in %n translation(s)</source>
        <translation>
            <numerusform>Replaced in %n translation</numerusform>
            <numerusform>Replaced in %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Replace cancelled: %n translation(s) replaced, Undo takes them back</source>
        <translation>
            <numerusform>Replace cancelled: %n translation replaced, Undo takes them back</numerusform>
            <numerusform>Replace cancelled: %n translations replaced, Undo takes them back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
        <source>Replace in %n translation(s)</source>
        <translation>
            <numerusform>Replace in %n translation</numerusform>
            <numerusform>Replace in %n translations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemoryActions</name>
    <message numerus="yes">
        <location filename="../../studio/ui/memory_tab.py" line="+375"/>
        <source>Wrote %n unit(s)</source>
        <translation>
            <numerusform>Wrote %n unit</numerusform>
            <numerusform>Wrote %n units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+52"/>
        <source>Use a translation for %n identical sentence(s)</source>
        <translation>
            <numerusform>Use a translation for %n identical sentence</numerusform>
            <numerusform>Use a translation for %n identical sentences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemoryTab</name>
    <message numerus="yes">
        <location line="-223"/>
        <source>%n match(es) in {0}; Ctrl+1 … Ctrl+5 insert one.</source>
        <translation>
            <numerusform>%n match in {0}; Ctrl+1 inserts it.</numerusform>
            <numerusform>%n matches in {0}; Ctrl+1 … Ctrl+5 insert one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PropagationBar</name>
    <message numerus="yes">
        <location filename="../../studio/ui/propagation_bar.py" line="+49"/>
        <source>Use this translation for %n identical sentence(s) elsewhere ({0})?</source>
        <translation>
            <numerusform>Use this translation for %n identical sentence elsewhere ({0})?</numerusform>
            <numerusform>Use this translation for %n identical sentences elsewhere ({0})?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message numerus="yes">
        <location filename="../../studio/ui/review_queue.py" line="+431"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+61"/>
        <source>Approving %n translation(s)</source>
        <translation>
            <numerusform>Approving %n translation</numerusform>
            <numerusform>Approving %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rejecting %n translation(s)</source>
        <translation>
            <numerusform>Rejecting %n translation</numerusform>
            <numerusform>Rejecting %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Reject %n translation(s)</source>
        <translation>
            <numerusform>Reject %n translation</numerusform>
            <numerusform>Reject %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Approved %n translation(s)</source>
        <translation>
            <numerusform>Approved %n translation</numerusform>
            <numerusform>Approved %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rejected %n translation(s)</source>
        <translation>
            <numerusform>Rejected %n translation</numerusform>
            <numerusform>Rejected %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n translation(s) skipped:</source>
        <translation>
            <numerusform>%n translation skipped:</numerusform>
            <numerusform>%n translations skipped:</numerusform>
        </translation>
    </message>
</context>
</TS>
