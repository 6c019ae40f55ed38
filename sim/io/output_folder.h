// What an output folder holds, and how a new run makes room in it
// (docs/outputs.md): a run never writes beside a previous run's results,
// where they could be mistaken for its own. At its start, with the folder's
// lock held (folder_lock.h), a fresh run moves the previous run's files into
// FOLDER/previous/ (replacing an older previous/), and a resumed run removes
// the files it will write again from its journal.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace homeward::io {

// Something of the user's where Homeward would write (a file or a folder of
// other files named previous/): refused, never deleted. Exit 2.
class FolderInTheWay : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every file a command writes into an output folder, the journal included.
const std::vector<std::string>& output_file_names();

// Moves the output files present in `folder` into `folder`/previous/, which
// is emptied first (a link there is removed, not followed). Returns the names
// moved. Throws OutputError, or FolderInTheWay when previous/ is a file or
// holds anything but Homeward's outputs.
// REQUIRES: the caller holds the folder's lock.
std::vector<std::string> set_aside_previous_outputs(const std::string& folder);

// Removes the files a run makes from its journal (summary.json, the CSVs,
// run-info.json, patients.csv, summary.xlsx, report.html) from `folder`: a
// resumed run makes them again. Throws OutputError.
// REQUIRES: the caller holds the folder's lock.
void remove_outputs_made_from_the_journal(const std::string& folder);

}  // namespace homeward::io
